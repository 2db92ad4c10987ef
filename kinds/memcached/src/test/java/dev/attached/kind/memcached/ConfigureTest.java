package dev.attached.kind.memcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.attached.kind.memcached.MemcachedSettings.Hashing;
import dev.attached.kind.memcached.MemcachedSettings.Mechanism;
import dev.attached.kind.memcached.MemcachedSettings.Protocol;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.TestHandle;

/** {@code configure}: the URL forms and keys accepted, and the exact problem for each one rejected. No network. */
class ConfigureTest {

    private final MemcachedKind kind = new MemcachedKind();
    private final List<String> problems = new ArrayList<>();

    private MemcachedSettings configure(String url, String... keyValues) {
        return kind.configure(TestHandle.of("cache", url, keyValues), problems);
    }

    private List<String> problemsOf(String url, String... keyValues) {
        configure(url, keyValues);
        problems.forEach(Canary::assertAbsent);
        return problems;
    }

    @Test
    void singleServerWithDefaults() {
        MemcachedSettings s = configure("memcached://cache.internal:11311");
        assertEquals(List.of(), problems);
        assertEquals("cache.internal:11311", s.serverList());
        assertEquals(Protocol.TEXT, s.protocol());
        assertEquals(Hashing.MODULO, s.hashing());
        assertEquals(Duration.ofSeconds(2), s.timeout());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(1, s.poolSize());
        assertTrue(s.credentials().isEmpty());
    }

    @Test
    void portDefaultsTo11211AndTrailingSlashIsFine() {
        assertEquals("cache.internal:11211", configure("memcached://Cache.Internal/").serverList());
        assertEquals(List.of(), problems);
    }

    @Test
    void ipv6Server() {
        assertEquals("[::1]:11211", configure("memcached://[::1]:11211").serverList());
        assertEquals(List.of(), problems);
    }

    @Test
    void serversKeyAddsServersAfterTheUrlsWithoutDuplicates() {
        MemcachedSettings s = configure("memcached://h1:11211", "servers", "h1:11211, h2:11212 h3,[::1]:11213");
        assertEquals(List.of(), problems);
        assertEquals("h1:11211, h2:11212, h3:11211, [::1]:11213", s.serverList());
    }

    /** The form providers print; the engine cannot parse it yet (see README), the kind reads it when handed over. */
    @Test
    void commaSeparatedServersInTheUrlAuthority() {
        MemcachedSettings s = configure("memcached://h1:11211,h2:11212,h3");
        assertEquals(List.of(), problems);
        assertEquals("h1:11211, h2:11212, h3:11211", s.serverList());
    }

    @Test
    void credentialsInTheUrlChooseSaslOverTheBinaryProtocol() {
        MemcachedSettings s = configure("memcached://app:" + Canary.PASSWORD + "@h1:11211");
        assertEquals(List.of(), problems);
        assertEquals(Protocol.BINARY, s.protocol());
        assertEquals("app", s.credentials().orElseThrow().username());
        assertEquals(Canary.PASSWORD, s.credentials().orElseThrow().password());
        assertEquals(Mechanism.PLAIN, s.credentials().orElseThrow().mechanism());
        Canary.assertAbsent(s.toString());
        Canary.assertAbsent(s.credentials().toString());
    }

    @Test
    void credentialsAsKeys() {
        MemcachedSettings s = configure("memcached://h1", "username", "app", "password", Canary.PASSWORD,
                "sasl-mechanism", "cram-md5");
        assertEquals(List.of(), problems);
        assertEquals(Mechanism.CRAM_MD5, s.credentials().orElseThrow().mechanism());
        assertEquals(Protocol.BINARY, s.protocol());
    }

    @Test
    void everyKey() {
        MemcachedSettings s = configure("memcached://h1", "protocol", "Binary", "hashing", "ketama", "timeout",
                "250ms", "connect-timeout", "PT1S", "pool-size", "2");
        assertEquals(List.of(), problems);
        assertEquals(Protocol.BINARY, s.protocol());
        assertEquals(Hashing.KETAMA, s.hashing());
        assertEquals(Duration.ofMillis(250), s.timeout());
        assertEquals(Duration.ofSeconds(1), s.connectTimeout());
        assertEquals(2, s.poolSize());
    }

    @Test
    void schemeThatDoesNotFit() {
        assertEquals(List.of("url: scheme 'redis' does not fit memcached (use memcached://host:11211)"),
                problemsOf("redis://h1:6379"));
    }

    @Test
    void urlWithAPath() {
        assertEquals(List.of("url: has a path, but memcached has no databases: write memcached://host:11211"),
                problemsOf("memcached://h1:11211/0"));
    }

    @Test
    void urlWithAQuery() {
        assertEquals(List.of("url: takes no query parameters: set protocol, timeout and the other keys under"
                + " attached.cache. instead"), problemsOf("memcached://h1:11211?protocol=binary"));
    }

    @Test
    void urlWithoutAServer() {
        assertEquals(List.of("url: names no server: write memcached://host:11211"), problemsOf("memcached:h1"));
    }

    @Test
    void badServerInTheUrlAuthority() {
        assertEquals(List.of("url: 'h2:x' is not host[:port] with a port from 1 to 65535 (as in"
                + " cache-1.internal:11211)"), problemsOf("memcached://h1:11211,h2:x"));
    }

    @Test
    void badServersKey() {
        assertEquals(List.of(
                "servers: 'h2:0' is not host[:port] with a port from 1 to 65535 (as in cache-1.internal:11211)",
                "servers: '::1:11211' is not host[:port] with a port from 1 to 65535 (as in cache-1.internal:11211)"),
                problemsOf("memcached://h1", "servers", "h2:0,::1:11211"));
    }

    @Test
    void passwordWithoutUsername() {
        assertEquals(List.of("username: is not set, but password is: SASL authentication needs both"),
                problemsOf("memcached://h1", "password", Canary.PASSWORD));
    }

    @Test
    void usernameWithoutPassword() {
        assertEquals(List.of("password: is not set, but username is: SASL authentication needs both"),
                problemsOf("memcached://app@h1"));
    }

    @Test
    void saslOverTheTextProtocol() {
        assertEquals(List.of("protocol: is text, but SASL authentication (username is set) needs the binary"
                + " protocol: remove protocol or set it to binary"),
                problemsOf("memcached://app:" + Canary.PASSWORD + "@h1", "protocol", "text"));
    }

    @Test
    void everyProblemAtOnce() {
        assertEquals(List.of(
                "servers: 'h2:99999' is not host[:port] with a port from 1 to 65535 (as in cache-1.internal:11211)",
                "protocol: 'udp' is not one of text, binary",
                "sasl-mechanism: 'gssapi' is not one of PLAIN, CRAM-MD5",
                "hashing: 'crc32' is not one of modulo, ketama",
                "timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)",
                "connect-timeout: must be more than 0, but is '0s'",
                "pool-size: '0' is not a whole number of 1 or more"),
                problemsOf("memcached://h1", "servers", "h2:99999", "protocol", "udp", "sasl-mechanism", "gssapi",
                        "hashing", "crc32", "timeout", "soon", "connect-timeout", "0s", "pool-size", "0"));
    }

    @Test
    void blankOptionalKeysAreUnset() {
        MemcachedSettings s = configure("memcached://h1", "servers", " ", "timeout", "");
        assertEquals(List.of(), problems);
        assertEquals("h1:11211", s.serverList());
        assertEquals(Duration.ofSeconds(2), s.timeout());
    }

    @Test
    void keysAreListedForEnvironmentVariables() {
        assertEquals(java.util.Set.of("servers", "protocol", "hashing", "timeout", "connect-timeout", "pool-size",
                "sasl-mechanism"), kind.keys());
        assertFalse(kind.keys().contains("url"));
    }
}
