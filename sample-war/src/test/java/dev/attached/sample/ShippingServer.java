package dev.attached.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Another provider's shipping API: {@code POST /v1/quotes} answers a quote from carrier {@code second} (6.50 EUR plus
 * 0.50 EUR per started kilogram) and {@code GET /v1/health} answers 204, both only with its own bearer token, else
 * 401. The JDK's HTTP server and nothing else, so that it also runs on its own, for the README's swap step:
 *
 * <pre>
 * SHIPPING_API_KEY=... java sample-war/src/test/java/dev/attached/sample/ShippingServer.java 9090
 * </pre>
 *
 * It reads the one number it needs from the body with a pattern rather than a JSON parser, for the same reason.
 */
final class ShippingServer implements AutoCloseable {

    static final String CARRIER = "second";

    private static final Pattern WEIGHT = Pattern.compile("\"weightGrams\"\\s*:\\s*(\\d{1,9})");

    private final byte[] expected;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final AtomicInteger quoted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Starts it on 127.0.0.1:{@code port} (0: a free one) with {@code key} as the one token it accepts. */
    ShippingServer(String key, int port) throws IOException {
        this.expected = ("Bearer " + key).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/v1/quotes", this::quote);
        server.createContext("/v1/health", this::health);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URI a client is configured with. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Quotes answered. */
    int quoted() {
        return quoted.get();
    }

    /** Requests answered 401: without the token, or with another. */
    int refused() {
        return refused.get();
    }

    /** Makes quotes fail with 503 (health stays 204), as a provider's outage of one endpoint. */
    void failQuotes(boolean fail) {
        failing.set(fail);
    }

    private void quote(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String json = new String(body.readNBytes(10_000), StandardCharsets.UTF_8);
            if (!authorized(exchange)) {
                return;
            }
            Matcher weight = WEIGHT.matcher(json);
            if (!"POST".equals(exchange.getRequestMethod()) || !weight.find()) {
                answer(exchange, 400, "{\"detail\":\"POST a parcel with its weightGrams\"}");
            } else if (failing.get()) {
                answer(exchange, 503, "{\"detail\":\"quotes are down for maintenance\"}");
            } else {
                long startedKilograms = (Long.parseLong(weight.group(1)) + 999) / 1000;
                quoted.incrementAndGet();
                answer(exchange, 200, "{\"carrier\":\"" + CARRIER + "\",\"priceCents\":" + (650 + 50 * startedKilograms)
                        + ",\"currency\":\"EUR\"}");
            }
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (authorized(exchange)) {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    /** Compared in constant time; answers 401 itself when the token is wrong. */
    private boolean authorized(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null
                && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        refused.incrementAndGet();
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        answer(exchange, 401, "{\"detail\":\"a valid bearer token is required\"}");
        return false;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** {@code java ShippingServer.java <port>}, with the key in {@code SHIPPING_API_KEY}; stops with the process. */
    public static void main(String[] args) throws IOException {
        String key = System.getenv("SHIPPING_API_KEY");
        if (args.length != 1 || key == null || key.isBlank()) {
            System.err.println("usage: SHIPPING_API_KEY=<key> java ShippingServer.java <port>");
            System.exit(2);
        }
        ShippingServer server = new ShippingServer(key.strip(), Integer.parseInt(args[0]));
        System.out.println("Shipping API of carrier '" + CARRIER + "' at " + server.base());
    }
}
