package dev.attached.kind.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;

import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.TestHandle;

/** {@code configure}: the URL forms a provider hands out are read, anything else is named with its key. */
class RedisSettingsTest {

    private final RedisKind kind = new RedisKind();

    @Test
    void passwordOnlyUrlAsHerokuGivesIt() {
        RedisSettings s = accepted("redis://:" + Canary.PASSWORD + "@127.0.0.1:6380/0");
        assertEquals("127.0.0.1", s.host());
        assertEquals(6380, s.port());
        assertEquals(0, s.database());
        assertFalse(s.ssl());
        assertEquals(Optional.empty(), s.username());
        assertEquals(Optional.of(Canary.PASSWORD), s.password());
        assertEquals("redis://127.0.0.1:6380/0", s.location());
    }

    @Test
    void aclUserAndDatabaseFromThePath() {
        RedisSettings s = accepted("redis://app:" + Canary.PASSWORD + "@cache.internal:6379/3");
        assertEquals(Optional.of("app"), s.username());
        assertEquals(Optional.of(Canary.PASSWORD), s.password());
        assertEquals(3, s.database());
    }

    @Test
    void redissWithDefaultsAsUpstashGivesIt() {
        RedisSettings s = accepted("rediss://default:" + Canary.PASSWORD + "@eu1-cache.example.io:6379");
        assertTrue(s.ssl());
        assertEquals(SslVerifyMode.FULL, s.verifyPeer());
        assertEquals(0, s.database());
        assertEquals("rediss://eu1-cache.example.io:6379/0", s.location());
    }

    @Test
    void bareHostTakesPort6379AndDatabase0() {
        RedisSettings s = accepted("redis://localhost");
        assertEquals(6379, s.port());
        assertEquals(0, s.database());
        assertEquals(RedisSettings.DEFAULT_TIMEOUT, s.timeout());
        assertEquals(RedisSettings.DEFAULT_CONNECT_TIMEOUT, s.connectTimeout());
        assertEquals(Optional.empty(), s.clientName());
        assertEquals(6379, accepted("redis://localhost/").port());
    }

    @Test
    void credentialsFromKeysWhenTheUrlHasNone() {
        RedisSettings s = accepted("redis://127.0.0.1:6379/1", "username", "app", "password", Canary.PASSWORD);
        assertEquals(Optional.of("app"), s.username());
        assertEquals(Optional.of(Canary.PASSWORD), s.password());
    }

    @Test
    void optionKeys() {
        RedisSettings s = accepted("rediss://h:6380/2", "timeout", "5s", "connect-timeout", "750ms", "client-name",
                "orders-service", "ssl.verify-peer", "none");
        assertEquals(Duration.ofSeconds(5), s.timeout());
        assertEquals(Duration.ofMillis(750), s.connectTimeout());
        assertEquals(Optional.of("orders-service"), s.clientName());
        assertEquals(SslVerifyMode.NONE, s.verifyPeer());
        assertEquals(Duration.ofSeconds(2), accepted("redis://h", "timeout", "PT2S").timeout());
        assertEquals(Duration.ofSeconds(3), accepted("redis://h", "timeout", "3").timeout());
    }

    @Test
    void schemeThatIsNotRedis() {
        assertEquals(List.of("url: scheme 'http' does not fit Redis (use redis:// or rediss://)"),
                problems("http://127.0.0.1:6379"));
    }

    @Test
    void sentinelAndSocketAreNotSupported() {
        assertEquals(List.of("url: scheme 'redis-sentinel' is not supported: Sentinel and Unix sockets are not"
                + " (use redis:// or rediss:// and the server's address)"), problems("redis-sentinel://h:26379"));
        assertEquals(List.of("url: scheme 'redis-socket' is not supported: Sentinel and Unix sockets are not"
                + " (use redis:// or rediss:// and the server's address)"), problems("redis-socket:///tmp/redis.sock"));
    }

    @Test
    void pathThatIsNotADatabase() {
        assertEquals(List.of("url: path '/cache' is not a database number (write /0, /1, ...)"),
                problems("redis://h:6379/cache"));
    }

    @Test
    void queryParametersNameTheKeyToUse() {
        assertEquals(List.of("url: query parameter 'timeout' is not read (set attached.cache.timeout instead)",
                "url: query parameter 'database' is not read (put the database in the path: redis://host:6379/2)",
                "url: query parameter 'foo' is not read (options are keys under attached.cache., see the README)"),
                problems("redis://h:6379?timeout=5s&database=2&foo=bar"));
    }

    @Test
    void urlWithoutHostOrWithABadPort() {
        assertEquals(List.of("url: names no host (write redis://host:6379/0)"), problems("redis:///0"));
        assertEquals(List.of("url: port 0 is out of range (1 to 65535)"), problems("redis://h:0"));
    }

    @Test
    void userWithoutPassword() {
        assertEquals(List.of("password: is required with a username (write redis://user:password@host or set"
                + " attached.cache.password)"), problems("redis://app@h:6379"));
    }

    @Test
    void everyBadKeyAtOnce() {
        assertEquals(List.of("url: scheme 'http' does not fit Redis (use redis:// or rediss://)",
                "timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)",
                "connect-timeout: must be more than 0, but is '0s'",
                "client-name: 'two words' is not a client name (Redis takes printable characters without spaces)",
                "ssl.verify-peer: 'maybe' is not one of full, ca, none",
                "ssl.verify-peer: applies to rediss:// only, and the url is http://"),
                problems("http://h", "timeout", "soon", "connect-timeout", "0s", "client-name", "two words",
                        "ssl.verify-peer", "maybe"));
    }

    @Test
    void noProblemAndNoToStringShowsThePassword() {
        List<String> problems = new ArrayList<>();
        String url = "http://app:" + Canary.PASSWORD + "@h:99999/x?password=" + Canary.PASSWORD;
        RedisSettings s = kind.configure(TestHandle.of("cache", url), problems);
        assertFalse(problems.isEmpty());
        Canary.assertAbsent("problems", String.join("\n", problems));
        RedisSettings good = accepted("redis://app:" + Canary.PASSWORD + "@h:6379/1");
        Canary.assertAbsent("settings", good.toString() + s);
        RedisURI uri = good.redisUri();
        Canary.assertAbsent("RedisURI", uri.toString());
        assertTrue(good.toString().contains("password ***"), good.toString());
    }

    private RedisSettings accepted(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        RedisSettings settings = kind.configure(TestHandle.of("cache", url, keys), problems);
        assertEquals(List.of(), problems);
        return settings;
    }

    private List<String> problems(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        kind.configure(TestHandle.of("cache", url, keys), problems);
        return problems;
    }
}
