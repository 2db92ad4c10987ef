package dev.attached.kind.memcached.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.attached.AttachedResources;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.kind.memcached.testing.MemcachedProcess;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SwapRecorder;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;

/**
 * The kind in Attached's engine against real memcached processes ({@code /usr/bin/memcached}): injection, readiness,
 * live swaps under load, failed swaps, detaching and attaching again. Profile ci-services.
 */
@EnabledIfSystemProperty(named = "attached.services", matches = "true")
class EngineAgainstMemcachedTest {

    private static final Path FIGURES = Path.of("target", "memcached-swap-figures.txt");

    private final List<MemcachedProcess> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(MemcachedProcess::close);
    }

    private MemcachedProcess server() {
        MemcachedProcess server = MemcachedProcess.start();
        servers.add(server);
        return server;
    }

    @Test
    void injectedClientReachesTheServerAndReadinessIsUp() throws Exception {
        MemcachedProcess a = server();
        try (TestApp app = CacheApp.start("EngineAgainstMemcachedTest-up", "attached.cache.url", a.url())) {
            CacheUser user = app.select(CacheUser.class);
            assertTrue(user.cache().set("greeting", 0, "hello"));
            assertEquals("hello", a.get("greeting"));
            assertEquals("hello", user.fromInstance().get("greeting"));

            JsonObject check = app.check("cache");
            assertEquals("UP", check.getString("status"), check.toString());
            JsonObject data = check.getJsonObject("data");
            assertEquals("memcached", data.getString("kind"));
            assertEquals(a.url(), data.getString("location"));
            assertEquals(1, data.getJsonNumber("generation").longValue());
            assertEquals(a.address(), data.getString("servers"));
            assertNotNull(data.get("version"));
        }
    }

    @Test
    void aServerDownAtStartUpIsAttachedOnceItAnswers() throws Exception {
        MemcachedProcess a = server();
        a.stop();
        try (TestApp app = CacheApp.start("EngineAgainstMemcachedTest-later", "attached.cache.url", a.url())) {
            assertEquals("DOWN", app.check("cache").getString("status"));
            a.restart();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertEquals("UP", app.check("cache").getString("status")));
            assertTrue(app.select(CacheUser.class).cache().set("k", 0, "v"));
        }
    }

    /** The swap the contract promises: 8 threads keep working through it, none of their calls fails. */
    @Test
    void swapBetweenTwoServersUnderLoadFailsNoCall() throws Exception {
        MemcachedProcess a = server();
        MemcachedProcess b = server();
        try (TestApp app = CacheApp.start("EngineAgainstMemcachedTest-swap", "attached.cache.url", a.url())) {
            MemcachedClient cache = app.select(CacheUser.class).cache();
            AttachedResources resources = app.resources();
            long connectionsBefore;
            StringBuilder figures = new StringBuilder();
            try (CacheLoad load = new CacheLoad(cache, 8)) {
                load.awaitOperations(2_000);
                connectionsBefore = a.clientConnections();
                for (int swap = 1; swap <= 4; swap++) {
                    MemcachedProcess from = swap % 2 == 1 ? a : b;
                    MemcachedProcess to = swap % 2 == 1 ? b : a;
                    long before = load.operations();
                    long start = System.nanoTime();
                    TestConfigSource.set("attached.cache.url", to.url());
                    ResourceStatus status = resources.refresh("cache");
                    long swapped = System.nanoTime();
                    assertEquals(swap + 1, status.generation(), String.valueOf(status.lastError()));
                    assertEquals(ResourceState.ATTACHED, status.state());
                    // new work goes to the new server at once
                    cache.set("after-swap-" + swap, 0, "yes");
                    assertEquals("yes", to.get("after-swap-" + swap));
                    // the old client is shut down once the calls inside it returned
                    long baseline = swap == 1 ? connectionsBefore : 1;
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                            .until(() -> from.clientConnections() < baseline || from.clientConnections() == 0);
                    long drained = System.nanoTime();
                    load.awaitOperations(2_000);
                    figures.append(String.format("swap %d: %s -> %s, refresh %d ms, old client closed %d ms after"
                            + " refresh returned, %d operations during the swap%n", swap, from.address(),
                            to.address(), (swapped - start) / 1_000_000, (drained - swapped) / 1_000_000,
                            load.operations() - before));
                }
                load.close();
                figures.append(String.format("total: %d operations by 8 threads, %d failed, %d misses (a key set"
                        + " on one server and read from the next)%n", load.operations(), load.failures().size(),
                        load.misses()));
                writeFigures(figures.toString());
                assertEquals(List.of(), load.failures(), figures.toString());
            }
            assertEquals(4, app.select(SwapRecorder.class).swapped().size());
            assertEquals(5, resources.status("cache").generation());
            assertEquals("UP", app.check("cache").getString("status"));
        }
    }

    @Test
    void anUnreachableServerKeepsTheOldOneServing() throws Exception {
        MemcachedProcess a = server();
        try (TestApp app = CacheApp.start("EngineAgainstMemcachedTest-unreachable", "attached.cache.url", a.url(),
                "attached.cache.health.timeout", "500ms")) {
            MemcachedClient cache = app.select(CacheUser.class).cache();
            int refused = Ports.free();
            TestConfigSource.set("attached.cache.url", "memcached://127.0.0.1:" + refused);
            ResourceStatus status = app.resources().refresh("cache");
            assertEquals(1, status.generation());
            assertEquals(ResourceState.ATTACHED, status.state());
            String error = status.lastError().orElseThrow();
            assertTrue(error.contains("127.0.0.1:" + refused), error);
            assertTrue(cache.set("still", 0, "a"));
            assertEquals("a", a.get("still"));
            assertEquals(1, app.select(SwapRecorder.class).failed().size());
        }
    }

    @Test
    void aConfigurationProblemKeepsTheOldOneServing() throws Exception {
        MemcachedProcess a = server();
        try (TestApp app = CacheApp.start("EngineAgainstMemcachedTest-problem", "attached.cache.url", a.url())) {
            MemcachedClient cache = app.select(CacheUser.class).cache();
            TestConfigSource.set("attached.cache.timeout", "soon");
            ResourceStatus status = app.resources().refresh("cache");
            assertEquals(1, status.generation());
            String error = status.lastError().orElseThrow();
            assertTrue(error.contains("timeout: 'soon' is not a duration"), error);
            assertTrue(cache.set("still", 0, "a"));
            assertEquals("a", a.get("still"));
        }
    }

    @Test
    void removingTheUrlDetachesAndSettingItAttachesAgain() throws Exception {
        MemcachedProcess a = server();
        try (TestApp app = CacheApp.start("EngineAgainstMemcachedTest-detach", "attached.cache.url", a.url())) {
            MemcachedClient cache = app.select(CacheUser.class).cache();
            assertTrue(cache.set("k", 0, "1"));

            TestConfigSource.remove("attached.cache.url");
            ResourceStatus detached = app.resources().refresh("cache");
            assertEquals(ResourceState.DETACHED, detached.state());
            long start = System.nanoTime();
            MemcachedException e = assertThrows(MemcachedException.class, () -> cache.get("k"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 100);
            assertTrue(e.getMessage().contains("cache"), e.getMessage());
            assertTrue(e.getMessage().contains("attached.cache.url"), e.getMessage());
            assertEquals("DOWN", app.check("cache").getString("status"));

            TestConfigSource.set("attached.cache.url", a.url());
            ResourceStatus attached = app.resources().refresh("cache");
            assertEquals(ResourceState.ATTACHED, attached.state());
            assertEquals("1", cache.get("k"));
            assertEquals("UP", app.check("cache").getString("status"));
        }
    }

    @Test
    void severalServersByTheServersKey() throws Exception {
        MemcachedProcess a = server();
        MemcachedProcess b = server();
        try (TestApp app = CacheApp.start("EngineAgainstMemcachedTest-servers", "attached.cache.url", a.url(),
                "attached.cache.servers", a.address() + "," + b.address(),
                "attached.cache.hashing", "ketama")) {
            MemcachedClient cache = app.select(CacheUser.class).cache();
            int onA = 0;
            for (int i = 0; i < 100; i++) {
                cache.set("spread-" + i, 0, "v");
                onA += a.get("spread-" + i) != null ? 1 : 0;
            }
            assertTrue(onA > 10 && onA < 90, "keys on the first server: " + onA);
            assertEquals(a.address() + ", " + b.address(),
                    app.check("cache").getJsonObject("data").getString("servers"));
            b.stop();
            await().ignoreExceptions().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonObject check = app.check("cache");
                assertEquals("UP", check.getString("status"));
                assertTrue(check.getJsonObject("data").getString("unreachable").startsWith(b.address()));
            });
        }
    }

    /** A swap to a server that requires SASL: the canary password shows up nowhere (TestApp checks every log). */
    @Test
    void swapToASaslServerShowsNoPassword() throws Exception {
        assumeTrue(Files.isExecutable(MemcachedProcess.SASLPASSWD2), "saslpasswd2 (Debian sasl2-bin) is missing");
        MemcachedProcess a = server();
        MemcachedProcess secured = MemcachedProcess.withSasl("app", Canary.PASSWORD);
        servers.add(secured);
        try (TestApp app = CacheApp.start("EngineAgainstMemcachedTest-sasl", "attached.cache.url", a.url())) {
            MemcachedClient cache = app.select(CacheUser.class).cache();
            TestConfigSource.set("attached.cache.url",
                    "memcached://app:" + Canary.PASSWORD + "@127.0.0.1:" + secured.port());
            ResourceStatus status = app.resources().refresh("cache");
            assertEquals(2, status.generation(), String.valueOf(status.lastError()));
            assertTrue(cache.set("secret", 0, "kept"));
            assertEquals("kept", cache.get("secret"));
            JsonObject readiness = app.readiness();
            assertEquals("UP", app.check("cache").getString("status"));
            Canary.assertAbsent(readiness.toString());
            Canary.assertAbsent(status.toString() + status.location() + status.lastError());
            Canary.assertAbsent(app.select(SwapRecorder.class).swapped().toString());
            assertSame(cache, app.select(CacheUser.class).cache());

            // a wrong password: the swap fails, the secured server keeps serving, and no password is shown
            TestConfigSource.set("attached.cache.password", "wrong-" + Canary.PASSWORD,
                    "attached.cache.url", "memcached://127.0.0.1:" + secured.port(), "attached.cache.username",
                    "app");
            ResourceStatus failed = app.resources().refresh("cache");
            assertEquals(2, failed.generation());
            Canary.assertAbsent(String.valueOf(failed.lastError()));
            assertEquals("kept", cache.get("secret"));
        }
    }

    private static void writeFigures(String text) throws IOException {
        System.out.print(text);
        Files.writeString(FIGURES, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
