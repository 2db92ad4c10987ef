package dev.attached.kind.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import dev.attached.kind.redis.testing.NettyLogging;
import dev.attached.kind.redis.testing.Resp;
import dev.attached.kind.redis.testing.TestRedis;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.LogCapture;
import dev.attached.kind.testkit.TestHandle;

/**
 * The canary password goes in and must come out nowhere: not in Lettuce's or Netty's logging at any level (TRACE
 * included, where Lettuce writes every byte it sends), not in a message, not in a toString.
 */
class RedisSecretsTest {

    static {
        NettyLogging.routeToJul();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static TestRedis aclServer;
    private static TestRedis requirePassServer;

    @BeforeAll
    static void startRedis() {
        aclServer = TestRedis.embedded().withCanaryUser();
        requirePassServer = TestRedis.embedded();
        requirePassServer.admin("CONFIG", "SET", "requirepass", Canary.PASSWORD);
    }

    @AfterAll
    static void stopRedis() {
        aclServer.close();
        requirePassServer.close();
    }

    /** The control: what the kind guards against. Lettuce on its own logs the AUTH bytes at TRACE. */
    @Test
    void lettuceAloneLogsThePasswordAtTrace() {
        try (LogCapture log = new LogCapture()) {
            ClientResources resources = DefaultClientResources.create();
            RedisClient client = RedisClient.create(resources);
            try (StatefulRedisConnection<String, String> c = client.connect(RedisURI.builder()
                    .withHost("127.0.0.1").withPort(aclServer.port())
                    .withAuthentication(TestRedis.USER, Canary.PASSWORD.toCharArray()).build())) {
                c.sync().ping();
            } finally {
                client.shutdown();
                resources.shutdown();
            }
            assertTrue(log.text().contains(Canary.PASSWORD), "expected Lettuce's TRACE to show the AUTH bytes");
        }
    }

    @Test
    void canaryAppearsNowhereAtAnyLogLevel() throws Exception {
        RedisKind kind = new RedisKind();
        StringBuilder seen = new StringBuilder();
        List<StatefulRedisConnection<String, String>> opened = new ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            assertTrue(Logger.getLogger("io.lettuce.core.protocol.CommandEncoder").isLoggable(Level.FINEST));

            for (String url : List.of(
                    "redis://" + TestRedis.USER + ":" + Canary.PASSWORD + "@127.0.0.1:" + aclServer.port() + "/1",
                    "redis://:" + Canary.PASSWORD + "@127.0.0.1:" + requirePassServer.port(),
                    "redis://127.0.0.1:" + requirePassServer.port() + "?password=" + Canary.PASSWORD)) {
                List<String> problems = new ArrayList<>();
                RedisSettings settings = kind.configure(TestHandle.of("cache", url), problems);
                seen.append(problems).append(settings).append(settings.redisUri());
                if (!problems.isEmpty()) {
                    continue;
                }
                StatefulRedisConnection<String, String> connection = kind.open(settings);
                opened.add(connection);
                seen.append(kind.probe(connection, TIMEOUT)).append(connection);
                @SuppressWarnings("unchecked")
                RedisCommands<String, String> commands = (RedisCommands<String, String>) kind.view(connection,
                        RedisKind.COMMANDS);
                commands.set("k", "v");
                seen.append(commands).append(commands.get("k"));

                // make Lettuce reconnect, which logs in again
                String id = String.valueOf(commands.clientId());
                Resp.call(aclServer.port() == settings.port() ? aclServer.port() : requirePassServer.port(),
                        aclServer.port() == settings.port() ? null : Canary.PASSWORD, "CLIENT", "KILL", "ID", id);
                long deadline = System.currentTimeMillis() + 5000;
                while (System.currentTimeMillis() < deadline) {
                    try {
                        assertEquals("PONG", commands.ping());
                        break;
                    } catch (RuntimeException e) {
                        seen.append(e);
                        Thread.sleep(20);
                    }
                }
                seen.append(kind.probe(connection, TIMEOUT));
            }

            // wrong passwords: DOWN with Redis's reason, never the password tried
            for (String url : List.of(
                    "redis://" + TestRedis.USER + ":x" + Canary.PASSWORD + "@127.0.0.1:" + aclServer.port(),
                    "redis://:x" + Canary.PASSWORD + "@127.0.0.1:" + requirePassServer.port())) {
                StatefulRedisConnection<String, String> connection = kind
                        .open(kind.configure(TestHandle.of("cache", url), new ArrayList<>()));
                opened.add(connection);
                Exception e = assertThrows(Exception.class, () -> kind.probe(connection, TIMEOUT));
                seen.append(e).append(e.getCause());
                assertTrue(TestRedis.refusedLogin(e.getMessage()), e.getMessage());
            }
            opened.forEach(kind::close);

            assertTrue(log.text().contains("io.lettuce"), "Lettuce's logging was not captured");
            Canary.assertAbsent("Lettuce's and Netty's logging at TRACE", log.text());
        }
        Canary.assertAbsent("messages and toStrings", seen.toString());
    }
}
