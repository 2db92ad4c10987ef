package dev.attached.kind.memcached.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.kind.memcached.testing.UnreachableServer;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.TestApp;

import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;

/**
 * The kind in Attached's engine (Weld SE, SmallRye Config and Health) with no memcached running: what a user sees at
 * start-up, in readiness and when detached. Runs in the default build.
 */
class EngineWithoutServerTest {

    @Test
    void injectedClientFailsFastAndReadinessIsDownWhileTheServerRefuses() {
        int port = Ports.free();
        try (TestApp app = CacheApp.start("EngineWithoutServerTest-refused", "attached.cache.url",
                "memcached://app:" + Canary.PASSWORD + "@127.0.0.1:" + port)) {
            MemcachedClient cache = app.select(CacheUser.class).cache();
            MemcachedException e = assertThrows(MemcachedException.class, () -> cache.get("k"));
            assertEquals("There is no available connection at this moment", e.getMessage());

            JsonObject check = app.check("cache");
            assertEquals("DOWN", check.getString("status"), check.toString());
            JsonObject data = check.getJsonObject("data");
            assertEquals("memcached", data.getString("kind"));
            assertEquals("memcached://127.0.0.1:" + port, data.getString("location"));
            assertEquals(1, data.getJsonNumber("generation").longValue());
            Canary.assertAbsent(check.toString());
        }
    }

    /** Against a server whose connection attempts hang for the whole connect-timeout of 60 seconds. */
    @Test
    void startUpIsNotDelayedByAnUnreachableServer() throws Exception {
        try (UnreachableServer unreachable = new UnreachableServer()) {
            long start = System.nanoTime();
            try (TestApp app = CacheApp.start("EngineWithoutServerTest-unreachable", "attached.cache.url",
                    "memcached://127.0.0.1:" + unreachable.port(),
                    "attached.cache.health.timeout", "500ms", "attached.cache.connect-timeout", "60s")) {
                long startMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertTrue(startMillis < 30_000, "start-up took " + startMillis + " ms");
                JsonObject check = app.check("cache");
                assertEquals("DOWN", check.getString("status"), check.toString());
                String data = check.getJsonObject("data").toString();
                assertTrue(data.contains("is still connecting (connect-timeout 60s)")
                        || data.contains("no answer within 500ms"), data);
            }
        }
    }

    @Test
    void readinessOfAServerThatNeverAnswersIsBoundedByTheHealthTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            try (TestApp app = CacheApp.start("EngineWithoutServerTest-silent", "attached.cache.url",
                    "memcached://127.0.0.1:" + silent.port(),
                    "attached.cache.health.timeout", "500ms")) {
                long probe = System.nanoTime();
                JsonObject check = app.check("cache");
                long probeMillis = Duration.ofNanos(System.nanoTime() - probe).toMillis();
                assertEquals("DOWN", check.getString("status"), check.toString());
                // the kind's reason, unless the engine gave up on the probe first ("no answer within 500ms")
                String data = check.getJsonObject("data").toString();
                assertTrue(data.contains("did not answer 'version' within the health timeout (500ms)")
                        || data.contains("no answer within 500ms"), data);
                assertTrue(probeMillis < 5000, "readiness took " + probeMillis + " ms");
            }
        }
    }

    @Test
    void anOptionalResourceWithoutUrlIsDetachedAndCallsFailWithTheClientsException() {
        try (TestApp app = CacheApp.start("EngineWithoutServerTest-detached", "attached.cache.optional", "true")) {
            MemcachedClient cache = app.select(CacheUser.class).cache();
            MemcachedException e = assertThrows(MemcachedException.class, () -> cache.set("k", 0, "v"));
            assertTrue(e.getMessage().contains("'cache'") || e.getMessage().contains(" cache "), e.getMessage());
            assertTrue(e.getMessage().contains("attached.cache.url"), e.getMessage());
            ResourceStatus status = app.resources().status("cache");
            assertEquals(ResourceState.DETACHED, status.state());
            assertEquals("memcached", status.kind());
        }
    }

    @Test
    void deploymentFailsWithEveryProblemNamingItsKey() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> CacheApp.start("EngineWithoutServerTest-problems", "attached.cache.url",
                        "redis://app:" + Canary.PASSWORD + "@127.0.0.1:6379",
                        "attached.cache.timeout", "soon", "attached.cache.pool-size", "0").close());
        String message = String.valueOf(e.getMessage()) + e.getCause();
        assertTrue(message.contains("url: scheme 'redis' does not fit memcached (use memcached://host:11211)"),
                message);
        assertTrue(message.contains("timeout: 'soon' is not a duration"), message);
        assertTrue(message.contains("pool-size: '0' is not a whole number of 1 or more"), message);
        Canary.assertAbsent(message);
    }

    /** Several servers may be pasted into the url, comma-separated, as providers hand them out. */
    @Test
    void commaSeparatedServersInTheUrlAreAccepted() {
        try (TestApp app = CacheApp.start("EngineWithoutServerTest-comma", "attached.cache.url",
                "memcached://127.0.0.1:11211,127.0.0.1:11212")) {
            assertEquals("memcached://127.0.0.1:11211,127.0.0.1:11212", app.resources().status("cache").location());
        }
    }

    @Test
    void deploymentProblemsAreReportedOnce() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> CacheApp
                        .start("EngineWithoutServerTest-once", "attached.cache.url", "memcached://127.0.0.1:11211/0")
                        .close());
        assertEquals(1, e.getMessage().split("has a path", -1).length - 1, e.getMessage());
    }
}
