package dev.attached.console;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The test application on the Open Liberty server the build started (see the pom): its console's URL, HTTP requests
 * as its users, and its watched configuration directory, where a written file swaps a resource.
 */
final class RunningConsole {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A user of the test server's basic registry (src/test/liberty/config/server.xml). */
    record User(String name, String password) {

        static final User OPERATOR = new User("operator", "operator-pw");
        static final User VIEWER = new User("viewer", "viewer-pw");
        /** Signed in, but with neither of the console's roles. */
        static final User STRANGER = new User("stranger", "stranger-pw");

        String authorization() {
            return "Basic " + Base64.getEncoder()
                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final URI base = URI.create(System.getProperty("console.base.url", "http://127.0.0.1:9080/attached/"));
    private final Path configDir = Path.of(System.getProperty("console.config.dir", "target/console-it-config"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Waits until the application answers on the console's path (as anybody: 401 is an answer). */
    RunningConsole awaitStarted() {
        await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                .until(() -> get("api/resources", Optional.empty()).statusCode() != 404);
        return this;
    }

    URI base() {
        return base;
    }

    /** The console's URL with a user's credentials in it, as a browser accepts them instead of a sign-in dialog. */
    String baseWithCredentials(User user) {
        return base.getScheme() + "://" + user.name() + ":" + user.password() + "@" + base.getAuthority()
                + base.getPath();
    }

    HttpResponse<String> get(String path, Optional<User> user) {
        return send(request(path, user).GET());
    }

    HttpResponse<String> postRefresh(String resource, Optional<User> user, boolean withRequestedBy) {
        HttpRequest.Builder request = request("api/resources/" + resource + "/refresh", user)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (withRequestedBy) {
            request.header(AccessGuard.REQUESTED_BY, "console-it");
        }
        return send(request);
    }

    /** The console's JSON, read as the operator. */
    JsonObject status() {
        HttpResponse<String> response = get("api/resources", Optional.of(User.OPERATOR));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET api/resources answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static JsonObject resource(JsonObject status, String name) {
        return status.getJsonArray("resources").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + name + " in " + status));
    }

    static List<JsonObject> history(JsonObject status, String resource, String change) {
        return status.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("resource").equals(resource) && e.getString("change").equals(change))
                .toList();
    }

    /** Triggers the readiness probes, as Kubernetes does by polling the readiness endpoint. */
    void probe() {
        send(HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(30)).GET());
    }

    /** Writes one key of the watched directory, whole: the directory source never sees half a value. */
    void configure(String key, String value) {
        try {
            Files.createDirectories(configDir);
            Path temporary = Files.createTempFile(configDir, ".", ".tmp");
            Files.writeString(temporary, value);
            Files.move(temporary, configDir.resolve(key), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path, Optional<User> user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        user.ifPresent(u -> request.header("Authorization", u.authorization()));
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
