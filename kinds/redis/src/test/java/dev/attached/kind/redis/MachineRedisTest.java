package dev.attached.kind.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.attached.kind.redis.testing.Cache;
import dev.attached.kind.redis.testing.NettyLogging;
import dev.attached.kind.redis.testing.TestRedis;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;
import dev.attached.kind.testkit.TestHandle;

/**
 * Against the machine's Redis: the one CI runs on 127.0.0.1:6379, and instances of the Debian package's
 * {@code /usr/bin/redis-server} started here. Only with {@code -Pci-services}.
 */
@EnabledIfSystemProperty(named = "attached.services", matches = "true")
class MachineRedisTest {

    static {
        NettyLogging.routeToJul();
    }

    private final RedisKind kind = new RedisKind();

    @Test
    void theMachineRedisOn6379() throws Exception {
        StatefulRedisConnection<String, String> connection = open("redis://127.0.0.1:6379/0");
        try {
            assertEquals(0, kind.probe(connection, Duration.ofSeconds(2)).get("database"));
            RedisCommands<String, String> commands = commands(connection);
            String key = "attached-redis-test:" + UUID.randomUUID();
            commands.setex(key, 60, "v");
            assertEquals("v", commands.get(key));
            commands.del(key);
        } finally {
            kind.close(connection);
        }
    }

    @Test
    void debianRedisServerWithAclUserAndSwap() throws Exception {
        try (TestRedis first = TestRedis.machine().withCanaryUser();
                TestRedis second = TestRedis.machine().withCanaryUser()) {
            String wrong = "redis://" + TestRedis.USER + ":x" + Canary.PASSWORD + "@127.0.0.1:" + first.port();
            StatefulRedisConnection<String, String> refused = open(wrong);
            try {
                RedisConnectionException e = assertThrows(RedisConnectionException.class,
                        () -> kind.probe(refused, Duration.ofSeconds(2)));
                assertTrue(TestRedis.refusedLogin(e.getMessage()), e.getMessage());
            } finally {
                kind.close(refused);
            }

            try (TestApp app = RedisEngineTest.start(RedisEngineTest.config(first))) {
                RedisCommands<String, String> commands = app.select(Cache.class).commands();
                commands.set("k", "first");
                TestConfigSource.set("attached.cache.url", second.url());
                assertEquals(2, app.resources().refresh("cache").generation());
                assertEquals(null, commands.get("k"));
                commands.set("k", "second");
                assertEquals("second", second.admin("GET", "k"));
                assertEquals("first", first.admin("GET", "k"));
            }
        }
    }

    private StatefulRedisConnection<String, String> open(String url) {
        List<String> problems = new ArrayList<>();
        RedisSettings settings = kind.configure(TestHandle.of("cache", url), problems);
        assertEquals(List.of(), problems);
        return kind.open(settings);
    }

    @SuppressWarnings("unchecked")
    private RedisCommands<String, String> commands(StatefulRedisConnection<String, String> connection) {
        return (RedisCommands<String, String>) kind.view(connection, RedisKind.COMMANDS);
    }
}
