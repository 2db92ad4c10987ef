package dev.attached.kind.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Logger;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.attached.ResourceStatus;
import dev.attached.kind.restclient.testing.Shipping;
import dev.attached.kind.restclient.testing.ShippingClient;
import dev.attached.kind.restclient.testing.TestApi;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.LogCapture;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SwapRecorder;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

/**
 * Credentials and headers reach the server, and the canary password never shows where a user or an operator can
 * see it: every log record at every level (RESTEasy's, JBoss Logging's and Apache HttpClient's wire log at DEBUG
 * included), health data, status, events, exception messages and {@code toString()}. A control test shows that
 * RESTEasy alone does write a bearer token into its DEBUG log.
 */
class RestClientSecretsTest {

    private static final String URL = "attached.shipping-api.url";

    private static TestApi api;

    @BeforeAll
    static void startServer() {
        api = new TestApi("secrets");
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static TestApp start(String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("attached.shipping-api.health.timeout", RestClientEngineTest.PATIENT);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return TestApp.with(config).beans(Shipping.class, SwapRecorder.class).start();
    }

    /** Everything an operator sees of the resource, and the log so far: none may hold a secret. */
    private static void assertNoSecretShows(TestApp app, String... secrets) {
        Shipping shipping = app.select(Shipping.class);
        String seen = String.join("\n", app.readiness().toString(),
                app.readinessResponse("shipping-api").getData().toString(),
                app.resources().status("shipping-api").toString(), shipping.shipping().toString(),
                shipping.tracking().toString(), app.select(SwapRecorder.class).swapped().toString(),
                app.select(SwapRecorder.class).failed().toString(), app.log().text());
        Canary.assertAbsent("what an operator sees", seen);
        for (String secret : secrets) {
            assertFalse(seen.contains(secret), "a secret showed up: " + secret);
        }
    }

    @Test
    void basicCredentialsFromTheUserinfoReachTheServerAndNothingElse() {
        String encoded = basic("apikey:" + Canary.PASSWORD);
        try (TestApp app = start(URL, "http://apikey:" + Canary.PASSWORD + "@127.0.0.1:" + api.port() + "/v2")) {
            app.select(Shipping.class).shipping().quote("s1");
            assertEquals(encoded, api.lastRequest("/v2/quotes").header("Authorization"));
            assertTrue(app.log().text().contains("org.apache.http.headers"), "the wire log was captured");
            assertNoSecretShows(app, encoded.substring(6));
        }
    }

    @Test
    void basicCredentialsFromTheKeysReachTheServer() {
        String encoded = basic("app:" + Canary.PASSWORD);
        try (TestApp app = start(URL, api.url(), "attached.shipping-api.username", "app",
                "attached.shipping-api.password", Canary.PASSWORD)) {
            app.select(Shipping.class).tracking().track("t1");
            assertEquals(encoded, api.lastRequest("/v2/tracking").header("Authorization"));
            assertEquals(encoded, api.lastRequest("/v2").header("Authorization"), "the probe logs in too");
            assertNoSecretShows(app, encoded.substring(6));
        }
    }

    @Test
    void aBearerTokenAndHeadersReachTheServer() {
        try (TestApp app = start(URL, api.url(), "attached.shipping-api.bearer-token", Canary.PASSWORD,
                "attached.shipping-api.header.X-Api-Version", "2",
                "attached.shipping-api.header.X-Api-Key", "key-" + Canary.PASSWORD)) {
            app.select(Shipping.class).shipping().quote("s2");
            TestApi.Request request = api.lastRequest("/v2/quotes");
            assertEquals("Bearer " + Canary.PASSWORD, request.header("Authorization"));
            assertEquals("2", request.header("X-Api-Version"));
            assertEquals("key-" + Canary.PASSWORD, request.header("X-Api-Key"));
            assertEquals("application/json", request.header("Accept"));
            assertTrue(app.log().text().contains("X-Api-Version: 2"), "headers that are no secret stay readable");
            assertNoSecretShows(app);
        }
    }

    @Test
    void swapsFailuresAndFailedCallsShowNoSecret() {
        try (TestApp app = start(URL, "http://apikey:" + Canary.PASSWORD + "@127.0.0.1:" + api.port() + "/v2")) {
            ShippingClient shipping = app.select(Shipping.class).shipping();
            shipping.quote("s3");

            TestConfigSource.set(URL, "ftp://apikey:" + Canary.PASSWORD + "@127.0.0.1:" + api.port() + "/v2");
            ResourceStatus failed = app.resources().refresh("shipping-api");
            assertEquals(1, failed.generation());
            assertTrue(failed.lastError().orElseThrow().contains("scheme 'ftp'"), failed.toString());

            int refused = Ports.free();
            TestConfigSource.set(URL, "http://apikey:" + Canary.PASSWORD + "@127.0.0.1:" + refused + "/v2");
            failed = app.resources().refresh("shipping-api");
            assertEquals(1, failed.generation(), "the new API did not answer its probe");

            TestConfigSource.set(URL, "http://apikey:" + Canary.PASSWORD + "@127.0.0.1:" + api.port() + "/v2/",
                    "attached.shipping-api.read-timeout", "10s");
            assertEquals(2, app.resources().refresh("shipping-api").generation());
            shipping.quote("s4");
            assertEquals(1, app.select(SwapRecorder.class).swapped().size());
            assertEquals(2, app.select(SwapRecorder.class).failed().size());

            try (TestApi doomed = new TestApi("doomed")) {
                TestConfigSource.set(URL, "http://apikey:" + Canary.PASSWORD + "@127.0.0.1:" + doomed.port() + "/v2");
                assertEquals(3, app.resources().refresh("shipping-api").generation());
                doomed.close(); // the API goes away under the application: calls fail, naming no secret
                ProcessingException e = assertThrows(ProcessingException.class, () -> shipping.quote("s5"));
                Canary.assertAbsent("a failed call", e + " " + e.getCause());
            }
            assertNoSecretShows(app, basic("apikey:" + Canary.PASSWORD).substring(6));
        }
    }

    /**
     * The control: RESTEasy with a bearer token and nothing of the kind's writes the token in its DEBUG log (Apache
     * HttpClient's headers and wire loggers), so the captures above would have caught a leak.
     */
    @Test
    void restEasyAloneLogsTheTokenAtDebug() throws Exception {
        Map<String, Filter> filters = new LinkedHashMap<>();
        List<Logger> loggers = WireLogMask.LOGGERS.stream().map(Logger::getLogger).toList();
        loggers.forEach(l -> filters.put(l.getName(), l.getFilter()));
        try (LogCapture log = new LogCapture()) {
            loggers.forEach(l -> l.setFilter(null));
            ShippingClient plain = RestClientBuilder.newBuilder().baseUri(URI.create(api.url()))
                    .register((ClientRequestFilter) r -> r.getHeaders().putSingle("Authorization",
                            "Bearer " + Canary.PASSWORD))
                    .build(ShippingClient.class);
            plain.quote("control");
            ((AutoCloseable) plain).close();
            assertTrue(log.text().contains("Authorization: Bearer " + Canary.PASSWORD),
                    "RESTEasy's DEBUG log holds the token");
        } finally {
            loggers.forEach(l -> l.setFilter(filters.get(l.getName())));
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            resolver.releaseConfig(resolver.getConfig());
        }
    }
}
