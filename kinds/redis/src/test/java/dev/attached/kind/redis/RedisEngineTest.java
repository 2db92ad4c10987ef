package dev.attached.kind.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.kind.redis.testing.Cache;
import dev.attached.kind.redis.testing.NettyLogging;
import dev.attached.kind.redis.testing.RedisLoad;
import dev.attached.kind.redis.testing.TestRedis;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

/**
 * The kind inside Attached's engine (Weld SE, SmallRye Config, SmallRye Health): injection, readiness, live swaps
 * under load, failed swaps, detach and attach. Every application here runs with all logging captured at every
 * level and fails if the canary password shows up.
 */
class RedisEngineTest {

    static {
        NettyLogging.routeToJul();
    }

    private static final String URL = "attached.cache.url";
    /** The name the kind's connections give themselves, so a test can see them in CLIENT LIST. */
    private static final String CLIENT_NAME = "attached-test";

    private static TestRedis a;
    private static TestRedis b;
    private static TestRedis c;

    @BeforeAll
    static void startServers() {
        a = TestRedis.embedded().withCanaryUser();
        b = TestRedis.embedded().withCanaryUser();
        c = TestRedis.embedded().withCanaryUser();
    }

    @AfterAll
    static void stopServers() {
        for (TestRedis redis : new TestRedis[]{a, b, c}) {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @BeforeEach
    void emptyServers() {
        for (TestRedis redis : new TestRedis[]{a, b, c}) {
            redis.admin("FLUSHALL");
        }
    }

    static Map<String, String> config(TestRedis redis, String... more) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(URL, redis.url());
        config.put("attached.cache.username", TestRedis.USER);
        config.put("attached.cache.password", Canary.PASSWORD);
        config.put("attached.cache.client-name", CLIENT_NAME);
        config.put("attached.cache.health.timeout", "1s");
        config.put("attached.cache.drain-timeout", "10s");
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    /** An application with the {@link Cache} bean and exactly this configuration. */
    static TestApp start(Map<String, String> config) {
        return TestApp.with(config).beans(Cache.class).start();
    }

    @Test
    void injectsBothTypesAndReadinessIsUp() {
        Map<String, String> config = config(a);
        config.put(URL, "redis://" + TestRedis.USER + ":" + Canary.PASSWORD + "@127.0.0.1:" + a.port() + "/3");
        try (TestApp app = start(config)) {
            RedisCommands<String, String> commands = app.select(Cache.class).commands();
            StatefulRedisConnection<String, String> connection = app.select(Cache.class).connection();
            commands.set("greeting", "hello");
            assertEquals("hello", connection.sync().get("greeting"));
            assertEquals(TestRedis.USER, commands.aclWhoami());
            assertTrue(commands.clientInfo().contains(" db=3 "));
            assertSame(connection, connection.sync().getStatefulConnection());

            HealthCheckResponse readiness = app.readinessResponse("cache");
            assertEquals(HealthCheckResponse.Status.UP, readiness.getStatus(), readiness.getData().toString());
            Map<String, Object> data = readiness.getData().orElseThrow();
            assertEquals("redis", data.get("kind"));
            assertEquals("redis://127.0.0.1:" + a.port() + "/3", data.get("location"));
            assertEquals(1L, ((Number) data.get("generation")).longValue());
            assertEquals(3L, ((Number) data.get("database")).longValue());
            Canary.assertAbsent("the readiness JSON", app.readiness().toString());
            ResourceStatus status = app.resources().status("cache");
            assertEquals("redis", status.kind());
            assertEquals(ResourceState.ATTACHED, status.state());
            Canary.assertAbsent("the status", status.toString());
        }
    }

    @Test
    void startsAtOnceWhileRedisIsDownAndTurnsReadyByItself() throws Exception {
        TestRedis late = TestRedis.embedded();
        late.stop();
        try {
            long start = System.nanoTime();
            try (TestApp app = start(config(late, "attached.cache.username", "default"))) {
                RedisCommands<String, String> commands = app.select(Cache.class).commands();
                long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(HealthCheckResponse.Status.DOWN, app.readinessResponse("cache").getStatus());
                assertThrows(RedisConnectionException.class, () -> commands.get("k"));

                late.start();
                late.admin("ACL", "SETUSER", "default", "on", ">" + Canary.PASSWORD);
                long deadline = System.currentTimeMillis() + 10_000;
                while (app.readinessResponse("cache").getStatus() != HealthCheckResponse.Status.UP
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(HealthCheckResponse.Status.UP, app.readinessResponse("cache").getStatus());
                commands.set("k", "v");
                assertEquals("v", commands.get("k"));
                assertEquals(1, app.resources().status("cache").generation());
                System.out.printf("[redis] start-up with Redis down took %d ms (Weld included)%n", startMillis);
            }
        } finally {
            late.close();
        }
    }

    @Test
    void swapUnderLoadFromEightThreadsLosesNothing() throws Exception {
        try (TestApp app = start(config(a))) {
            long firstCutover;
            long secondCutover;
            long firstDrain;
            long secondDrain;
            Map<Long, Long> written;
            try (RedisLoad load = new RedisLoad(app.select(Cache.class), 8)) {
                load.awaitWrites(3000);

                TestConfigSource.set(URL, b.url());
                ResourceStatus status = app.resources().refresh("cache");
                firstCutover = System.nanoTime();
                assertEquals(2, status.generation(), status.toString());
                assertEquals(b.url(), status.location());
                firstDrain = awaitNoClientsOf(a, firstCutover);
                load.awaitWrites(3000);

                TestConfigSource.set(URL, c.url());
                status = app.resources().refresh("cache");
                secondCutover = System.nanoTime();
                assertEquals(3, status.generation(), status.toString());
                secondDrain = awaitNoClientsOf(b, secondCutover);
                load.awaitWrites(3000);

                load.close();
                assertEquals(List.of(), load.failures().stream().map(Throwable::toString).toList());
                written = load.written();
                System.out.printf("[redis] swap under load, 8 threads: %d writes (%s), %d failed;"
                        + " drain %d ms (A to B) and %d ms (B to C)%n", written.size(), load.writtenByPath(),
                        load.failures().size(), firstDrain, secondDrain);
            }

            Map<Long, Long> onA = writes(a);
            Map<Long, Long> onB = writes(b);
            Map<Long, Long> onC = writes(c);
            Map<Long, Long> all = new HashMap<>(onA);
            all.putAll(onB);
            all.putAll(onC);
            assertEquals(written.size(), onA.size() + onB.size() + onC.size(), "every write on exactly one server");
            assertEquals(written, all);
            assertTrue(onB.size() >= 3000 && onC.size() >= 3000, "B " + onB.size() + ", C " + onC.size());
            assertEquals(List.of(), startedAfter(onA, firstCutover), "a write started after a swap reached A");
            assertEquals(List.of(), startedAfter(onB, secondCutover), "a write started after a swap reached B");
            assertEquals(HealthCheckResponse.Status.UP, app.readinessResponse("cache").getStatus());
            System.out.printf("[redis] on A %d, on B %d, on C %d%n", onA.size(), onB.size(), onC.size());
        }
    }

    @Test
    void asyncCommandSentBeforeTheSwapIsAnsweredByTheOldServer() throws Exception {
        try (TestApp app = start(config(a))) {
            RedisFuture<KeyValue<String, String>> waiting = app.select(Cache.class).connection().async().blpop(5,
                    "jobs");
            Thread.sleep(100); // BLPOP is on A's wire
            TestConfigSource.set(URL, b.url());
            assertEquals(2, app.resources().refresh("cache").generation());
            assertEquals(1, clientsOf(a), "the old generation waits for the BLPOP in flight");
            a.admin("RPUSH", "jobs", "from-a");
            assertEquals(KeyValue.just("jobs", "from-a"), waiting.get(5, TimeUnit.SECONDS));
            long drain = awaitNoClientsOf(a, System.nanoTime());
            app.select(Cache.class).commands().rpush("jobs", "from-b");
            assertEquals("from-b", b.admin("LPOP", "jobs"));
            System.out.printf("[redis] old generation closed %d ms after its last command was answered%n", drain);
        }
    }

    @Test
    void aBadHandleKeepsTheOldOneServing() throws Exception {
        try (TestApp app = start(config(a))) {
            RedisCommands<String, String> commands = app.select(Cache.class).commands();
            commands.set("k", "1");

            int closed = Ports.free();
            TestConfigSource.set(URL, "redis://127.0.0.1:" + closed);
            ResourceStatus status = app.resources().refresh("cache");
            assertEquals(ResourceState.ATTACHED, status.state());
            assertEquals(1, status.generation());
            assertEquals(a.url(), status.location());
            assertTrue(status.lastError().orElseThrow().contains("Connection refused"), status.toString());
            assertEquals("1", commands.get("k"));

            TestConfigSource.setAll(Map.of(URL, b.url(), "attached.cache.password", "x" + Canary.PASSWORD));
            status = app.resources().refresh("cache");
            assertEquals(1, status.generation());
            assertTrue(TestRedis.refusedLogin(status.lastError().orElseThrow()), status.toString());
            Canary.assertAbsent("the status", status.toString());
            assertEquals("1", commands.get("k"));

            TestConfigSource.setAll(Map.of(URL, "http://127.0.0.1:" + b.port(), "attached.cache.password",
                    Canary.PASSWORD));
            status = app.resources().refresh("cache");
            assertEquals(1, status.generation());
            assertTrue(status.lastError().orElseThrow()
                    .contains("url: scheme 'http' does not fit Redis (use redis:// or rediss://)"), status.toString());
            assertEquals("1", app.select(Cache.class).connection().sync().get("k"));
            HealthCheckResponse readiness = app.readinessResponse("cache");
            assertEquals(HealthCheckResponse.Status.UP, readiness.getStatus());
            assertEquals(1L, ((Number) readiness.getData().orElseThrow().get("generation")).longValue());
            Canary.assertAbsent("the readiness JSON", app.readiness().toString());
        }
    }

    @Test
    void detachFailsFastNamingTheKeyAndAttachAgain() throws Exception {
        try (TestApp app = start(config(a))) {
            RedisCommands<String, String> commands = app.select(Cache.class).commands();
            StatefulRedisConnection<String, String> connection = app.select(Cache.class).connection();
            commands.set("k", "on-a");

            TestConfigSource.remove(URL);
            ResourceStatus status = app.resources().refresh("cache");
            assertEquals(ResourceState.DETACHED, status.state());
            for (Runnable call : List.<Runnable>of(() -> commands.get("k"), () -> connection.sync().get("k"),
                    () -> connection.async().get("k"))) {
                long start = System.nanoTime();
                RedisConnectionException e = assertThrows(RedisConnectionException.class, call::run);
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 500);
                assertTrue(e.getMessage().contains("'cache'") && e.getMessage().contains("attached.cache.url"),
                        e.getMessage());
            }
            assertFalse(connection.isOpen());
            assertEquals(HealthCheckResponse.Status.DOWN, app.readinessResponse("cache").getStatus());
            awaitNoClientsOf(a, System.nanoTime());

            TestConfigSource.set(URL, b.url());
            status = app.resources().refresh("cache");
            assertEquals(ResourceState.ATTACHED, status.state());
            assertEquals(null, commands.get("k"));
            commands.set("k", "on-b");
            assertEquals("on-b", connection.sync().get("k"));
            assertEquals(HealthCheckResponse.Status.UP, app.readinessResponse("cache").getStatus());
        }
    }

    /** Waits until {@code redis} has no connection of the kind's; returns the milliseconds since {@code since}. */
    private static long awaitNoClientsOf(TestRedis redis, long since) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (clientsOf(redis) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(0, clientsOf(redis), "the old generation's connection is still open");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    private static int clientsOf(TestRedis redis) {
        return (int) redis.admin("CLIENT", "LIST").lines().filter(l -> l.contains(" name=" + CLIENT_NAME + " "))
                .count();
    }

    /** The writes a server holds: sequence number to the nanoTime the write started at. */
    private static Map<Long, Long> writes(TestRedis redis) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", redis.port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setTimeout(Duration.ofSeconds(30));
            RedisCommands<String, String> commands = connection.sync();
            List<String> keys = commands.keys("op:*");
            if (keys.isEmpty()) {
                return Map.of();
            }
            return commands.mget(keys.toArray(String[]::new)).stream().collect(Collectors.toMap(
                    kv -> Long.parseLong(kv.getKey().substring(3)), kv -> Long.parseLong(kv.getValue())));
        } finally {
            client.shutdown();
        }
    }

    private static List<Long> startedAfter(Map<Long, Long> writes, long cutover) {
        return writes.entrySet().stream().filter(e -> e.getValue() > cutover).map(Map.Entry::getKey).sorted()
                .toList();
    }
}
