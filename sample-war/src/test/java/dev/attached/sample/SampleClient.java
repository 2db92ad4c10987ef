package dev.attached.sample;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/** The sample's HTTP API as a client sees it; keeps every body it received, for the canary check. */
final class SampleClient {

    /** A response: status, media type, body. */
    record Reply(int status, String type, String body) {

        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    SampleClient(String base) {
        this.base = base;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).build());
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Reply placeOrder(String item) throws IOException, InterruptedException {
        return post("/api/orders", "{\"item\":\"" + item + "\",\"email\":\"ada@example.com\"}");
    }

    /** The readiness check of one resource. */
    JsonObject readiness(String resource) throws IOException, InterruptedException {
        JsonObject health = get("/health/ready").json();
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("attached:" + resource))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no attached:" + resource + " in " + health));
    }

    /**
     * A whole number in a readiness check's {@code data}: a JSON number, or a numeric string, which is how Payara
     * Micro writes every {@code data} value ({@code "generation":"2"}).
     */
    static long number(JsonObject data, String key) {
        return data.get(key) instanceof JsonString text
                ? Long.parseLong(text.getString())
                : data.getJsonNumber(key).longValue();
    }

    /** The orders-db status as the operator API shows it. */
    JsonObject ordersDb() throws IOException, InterruptedException {
        return get("/api/resources/orders-db").json();
    }

    /** Every body received so far. */
    List<String> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }
}
