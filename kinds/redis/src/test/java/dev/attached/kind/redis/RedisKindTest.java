package dev.attached.kind.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.attached.kind.redis.testing.NettyLogging;
import dev.attached.kind.redis.testing.TestRedis;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.TestHandle;

/** The kind alone against real Redis servers: open, probe, views, drain accounting, close, detached stand-in. */
class RedisKindTest {

    static {
        NettyLogging.routeToJul();
    }

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static TestRedis redis;

    private final RedisKind kind = new RedisKind();
    private final List<StatefulRedisConnection<String, String>> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.embedded().withCanaryUser();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeGenerations() {
        opened.forEach(kind::close);
    }

    @Test
    void probeIsUpAndCommandsRunThroughBothViews() throws Exception {
        StatefulRedisConnection<String, String> connection = open(redis.url() + "/2");
        Map<String, Object> details = kind.probe(connection, TIMEOUT);
        assertEquals(2, details.get("database"));
        assertTrue(details.get("ping-micros") instanceof Long, details.toString());

        RedisCommands<String, String> commands = commands(connection);
        commands.set("greeting", "hello");
        assertEquals("hello", commands.get("greeting"));
        @SuppressWarnings("unchecked")
        StatefulRedisConnection<String, String> asConnection = (StatefulRedisConnection<String, String>) kind
                .view(connection, RedisKind.CONNECTION);
        assertEquals("hello", asConnection.sync().get("greeting"));
        assertTrue(commands.clientInfo().contains(" db=2 "), commands.clientInfo());
    }

    @Test
    void aclUserLogsIn() throws Exception {
        StatefulRedisConnection<String, String> connection = open(
                "redis://" + TestRedis.USER + ":" + Canary.PASSWORD + "@127.0.0.1:" + redis.port());
        kind.probe(connection, TIMEOUT);
        assertEquals(TestRedis.USER, commands(connection).aclWhoami());
    }

    /** Twenty fresh generations: Lettuce sometimes loses the server's answer to a handshake that fails fast. */
    @Test
    void wrongPasswordIsDownWithRedisReason() {
        for (int i = 0; i < 20; i++) {
            StatefulRedisConnection<String, String> connection = open(
                    "redis://" + TestRedis.USER + ":not-" + Canary.PASSWORD + "@127.0.0.1:" + redis.port());
            RedisConnectionException e = assertThrows(RedisConnectionException.class,
                    () -> kind.probe(connection, TIMEOUT));
            assertTrue(e.getMessage().startsWith("Unable to connect to Redis at redis://127.0.0.1:" + redis.port()
                    + "/0: "), e.getMessage());
            assertTrue(TestRedis.refusedLogin(e.getMessage()), e.getMessage());
        }
    }

    @Test
    void openReturnsAtOnceWhenRedisIsDownAndTurnsUpWhenItStarts() throws Exception {
        TestRedis late = TestRedis.embedded();
        late.stop();
        long start = System.nanoTime();
        StatefulRedisConnection<String, String> connection = open(late.url());
        RedisCommands<String, String> commands = commands(connection);
        assertTrue(millisSince(start) < 500, "open and view took " + millisSince(start) + " ms");

        RedisConnectionException down = assertThrows(RedisConnectionException.class,
                () -> kind.probe(connection, TIMEOUT));
        assertTrue(down.getMessage().startsWith("Unable to connect to Redis at " + late.url() + "/0: "),
                down.getMessage());
        assertThrows(RedisConnectionException.class, () -> commands.get("k"));

        late.start();
        try {
            kind.probe(connection, TIMEOUT);
            commands.set("k", "v");
            assertEquals("v", commands.get("k"));
        } finally {
            late.close();
        }
    }

    @Test
    void stoppedServerIsDownWithinTheTimeout() throws Exception {
        TestRedis doomed = TestRedis.embedded();
        StatefulRedisConnection<String, String> connection = open(doomed.url());
        kind.probe(connection, TIMEOUT);
        doomed.stop();
        long start = System.nanoTime();
        RedisException e = assertThrows(RedisException.class, () -> kind.probe(connection, TIMEOUT));
        assertTrue(millisSince(start) < TIMEOUT.toMillis() + 1000, "probe took " + millisSince(start) + " ms");
        assertTrue(e.getMessage().contains(doomed.url()), e.getMessage());
    }

    @Test
    void silentServerIsDownWithinTheTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String url = "redis://127.0.0.1:" + silent.port();
            StatefulRedisConnection<String, String> connection = open(url);
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                RedisException e = assertThrows(RedisException.class, () -> kind.probe(connection, TIMEOUT));
                long took = millisSince(start);
                assertTrue(took >= TIMEOUT.toMillis() - 50 && took < TIMEOUT.toMillis() + 1000,
                        "probe took " + took + " ms");
                assertEquals("Redis at " + url + "/0 did not answer within 800ms while connecting",
                        e.getMessage());
            }
        }
    }

    @Test
    void hungServerAfterConnectingTimesThePingOut() throws Exception {
        TestRedis paused = TestRedis.embedded();
        try {
            StatefulRedisConnection<String, String> connection = open(paused.url());
            kind.probe(connection, TIMEOUT);
            Thread pause = new Thread(() -> paused.admin("CLIENT", "PAUSE", "2000", "ALL"));
            pause.start();
            pause.join();
            long start = System.nanoTime();
            RedisCommandTimeoutException e = assertThrows(RedisCommandTimeoutException.class,
                    () -> kind.probe(connection, TIMEOUT));
            assertTrue(millisSince(start) < TIMEOUT.toMillis() + 1000, "probe took " + millisSince(start) + " ms");
            assertEquals("Redis at " + paused.url() + "/0 did not answer PING within 800ms", e.getMessage());
            assertEquals(0, kind.inUse(connection), "the timed-out PING is cancelled, not left in flight");
        } finally {
            paused.close();
        }
    }

    @Test
    void asyncCommandsInFlightKeepARetiringGenerationInUseUntilAnswered() throws Exception {
        StatefulRedisConnection<String, String> connection = open(redis.url());
        kind.probe(connection, TIMEOUT);
        assertEquals(0, kind.inUse(connection));
        AtomicInteger released = new AtomicInteger();
        RedisFuture<KeyValue<String, String>> blocked = connection.async().blpop(1, "nothing-here");
        awaitInUse(connection, 1);
        kind.retiring(connection, released::incrementAndGet);
        assertNull(blocked.get(5, TimeUnit.SECONDS));
        assertEquals(0, kind.inUse(connection));
        long deadline = System.currentTimeMillis() + 2000; // Lettuce tells listeners right after the caller
        while (released.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(released.get() >= 1, "released was not called");
    }

    @Test
    void closeCutsTheGenerationAndItsCallsFailWithLettuceException() throws Exception {
        StatefulRedisConnection<String, String> connection = open(redis.url());
        RedisCommands<String, String> commands = commands(connection);
        kind.probe(connection, TIMEOUT);
        connection.close(); // the application's close is ignored: Attached owns the connection
        assertEquals("PONG", commands.ping());
        kind.close(connection);
        RedisConnectionException e = assertThrows(RedisConnectionException.class, commands::ping);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        assertFalse(connection.isOpen());
    }

    @Test
    void viewsArePrebuiltAndCheap() {
        StatefulRedisConnection<String, String> connection = open(redis.url());
        assertSame(connection, kind.view(connection, RedisKind.CONNECTION));
        assertSame(connection.sync(), kind.view(connection, RedisKind.COMMANDS));
        assertSame(connection, commands(connection).getStatefulConnection());
        assertEquals(Set.of(RedisKind.CONNECTION, RedisKind.COMMANDS), kind.types());
        assertEquals("io.lettuce.core.api.StatefulRedisConnection<java.lang.String, java.lang.String>",
                RedisKind.CONNECTION.getTypeName());
        assertEquals("io.lettuce.core.api.sync.RedisCommands<java.lang.String, java.lang.String>",
                RedisKind.COMMANDS.getTypeName());
    }

    @Test
    void detachedStandInFailsFastWithTheMessage() {
        String message = "ATT0000: Redis resource 'cache' is detached: set attached.cache.url";
        StatefulRedisConnection<String, String> detached = kind.detached(message);
        RedisCommands<String, String> commands = commands(detached);
        long start = System.nanoTime();
        RedisConnectionException e = assertThrows(RedisConnectionException.class, () -> commands.get("k"));
        assertEquals(message, e.getMessage());
        assertEquals(message, assertThrows(RedisConnectionException.class, () -> detached.async().get("k"))
                .getMessage());
        assertEquals(message, assertThrows(RedisConnectionException.class, () -> detached.reactive().get("k"))
                .getMessage());
        assertEquals(message, assertThrows(RedisConnectionException.class, detached::getTimeout).getMessage());
        assertTrue(millisSince(start) < 500, millisSince(start) + " ms");
        assertFalse(detached.isOpen());
        assertInstanceOf(RedisCommands.class, commands);
        assertTrue(detached.toString().contains(message));
        detached.close();
    }

    private StatefulRedisConnection<String, String> open(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        RedisSettings settings = kind.configure(TestHandle.of("cache", url, keys), problems);
        assertEquals(List.of(), problems);
        StatefulRedisConnection<String, String> connection = kind.open(settings);
        opened.add(connection);
        return connection;
    }

    @SuppressWarnings("unchecked")
    private RedisCommands<String, String> commands(StatefulRedisConnection<String, String> connection) {
        return (RedisCommands<String, String>) kind.view(connection, RedisKind.COMMANDS);
    }

    private void awaitInUse(StatefulRedisConnection<String, String> connection, int expected)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2000;
        while (kind.inUse(connection) != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, kind.inUse(connection));
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
