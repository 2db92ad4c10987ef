package dev.attached.kind.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;

import dev.attached.kind.redis.testing.NettyLogging;
import dev.attached.kind.redis.testing.TestRedis;
import dev.attached.kind.testkit.TestHandle;
import dev.attached.spi.Current;

import reactor.core.publisher.Mono;

/**
 * The kind's own reference for {@code StatefulRedisConnection<String, String>}, driven by a hand-made
 * {@link Current}: every call, and every reactive command from subscription to completion, is inside a lease of the
 * generation current at that moment.
 */
class SwapAwareConnectionTest {

    static {
        NettyLogging.routeToJul();
    }

    private static TestRedis a;
    private static TestRedis b;

    private final RedisKind kind = new RedisKind();
    private final List<StatefulRedisConnection<String, String>> opened = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        a = TestRedis.embedded();
        b = TestRedis.embedded();
    }

    @AfterAll
    static void stopServers() {
        a.close();
        b.close();
    }

    @AfterEach
    void close() {
        opened.forEach(kind::close);
    }

    @Test
    void onlyTheConnectionTypeGetsTheKindsReference() {
        TestCurrent current = new TestCurrent(open(a));
        assertTrue(kind.reference(RedisKind.CONNECTION, current) instanceof SwapAwareConnection);
        assertEquals(null, kind.reference(RedisKind.COMMANDS, current));
    }

    @Test
    void everyCallRunsOnTheCurrentGenerationInsideALease() throws Exception {
        TestCurrent current = new TestCurrent(open(a));
        StatefulRedisConnection<String, String> redis = reference(current);
        redis.sync().set("k", "sync");
        assertEquals("OK", redis.async().set("k2", "async").get(5, TimeUnit.SECONDS));
        assertEquals("sync", a.admin("GET", "k"));
        assertEquals("async", a.admin("GET", "k2"));
        assertEquals(0, current.inside());
        assertTrue(redis.toString().startsWith("@AttachedResource(\"cache\") StatefulRedisConnection[" + a.url()),
                redis.toString());

        current.resource = open(b);
        redis.sync().set("k", "on-b");
        assertEquals("on-b", b.admin("GET", "k"));
        assertEquals("sync", a.admin("GET", "k"));
        assertSame(redis, redis.sync().getStatefulConnection());
        assertSame(redis, redis.reactive().getStatefulConnection());
        redis.close(); // the application does not own it
        assertEquals("on-b", redis.sync().get("k"));
    }

    @Test
    void aReactiveCommandEntersWhenSubscribedAndLeavesWhenDone() throws Exception {
        TestCurrent current = new TestCurrent(open(a));
        StatefulRedisConnection<String, String> redis = reference(current);
        Mono<KeyValue<String, String>> pop = redis.reactive().blpop(2, "jobs");
        assertEquals(0, current.entered.get(), "nothing happens before subscription");

        current.resource = open(b); // a swap between assembly and subscription: the command goes to b
        var popped = pop.toFuture();
        long deadline = System.currentTimeMillis() + 2000;
        while (current.inside() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, current.inside(), "the lease is held while the command waits for its answer");
        Thread.sleep(100);
        b.admin("RPUSH", "jobs", "x");
        assertEquals(KeyValue.just("jobs", "x"), popped.get(5, TimeUnit.SECONDS));
        deadline = System.currentTimeMillis() + 2000;
        while (current.inside() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, current.inside());
    }

    @Test
    void detachedFailsWithLettuceExceptionOnEveryPath() {
        String message = "resource 'cache' is detached: set attached.cache.url";
        TestCurrent current = new TestCurrent(kind.detached(message));
        StatefulRedisConnection<String, String> redis = reference(current);
        assertEquals(message, assertThrows(RedisConnectionException.class, () -> redis.sync().get("k")).getMessage());
        assertEquals(message, assertThrows(RedisConnectionException.class, () -> redis.async().get("k")).getMessage());
        assertEquals(message, assertThrows(RedisConnectionException.class,
                () -> redis.reactive().get("k").block(Duration.ofSeconds(1))).getMessage());
        assertEquals(message, assertThrows(RedisConnectionException.class, redis::getTimeout).getMessage());
        assertEquals(false, redis.isOpen());
        assertEquals(0, current.inside());
    }

    private StatefulRedisConnection<String, String> open(TestRedis redis) {
        List<String> problems = new ArrayList<>();
        StatefulRedisConnection<String, String> c = kind.open(kind.configure(TestHandle.of("cache", redis.url()),
                problems));
        assertEquals(List.of(), problems);
        opened.add(c);
        return c;
    }

    @SuppressWarnings("unchecked")
    private StatefulRedisConnection<String, String> reference(TestCurrent current) {
        return (StatefulRedisConnection<String, String>) kind.reference(RedisKind.CONNECTION, current);
    }

    /** A stand-in for Attached's slot: the resource new work goes to, and how many leases are open. */
    private final class TestCurrent implements Current<StatefulRedisConnection<String, String>> {

        volatile StatefulRedisConnection<String, String> resource;
        final AtomicInteger entered = new AtomicInteger();
        final AtomicInteger left = new AtomicInteger();

        TestCurrent(StatefulRedisConnection<String, String> resource) {
            this.resource = resource;
        }

        @Override
        public String name() {
            return "cache";
        }

        int inside() {
            return entered.get() - left.get();
        }

        @Override
        public Lease<StatefulRedisConnection<String, String>> enter() {
            StatefulRedisConnection<String, String> r = resource;
            entered.incrementAndGet();
            return new Lease<>() {
                @Override
                public StatefulRedisConnection<String, String> resource() {
                    return r;
                }

                @Override
                public Object view(Type type) {
                    return kind.view(r, type);
                }

                @Override
                public void close() {
                    left.incrementAndGet();
                }
            };
        }
    }
}
