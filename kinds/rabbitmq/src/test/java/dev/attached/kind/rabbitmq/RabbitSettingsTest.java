package dev.attached.kind.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.TestHandle;

/** URL forms and keys: what configure accepts, and the exact problems it reports, without touching the network. */
class RabbitSettingsTest {

    private final RabbitMqKind kind = new RabbitMqKind();

    private RabbitSettings accepted(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        RabbitSettings settings = kind.configure(TestHandle.of("events", url, keys), problems);
        assertEquals(List.of(), problems, url);
        return settings;
    }

    private List<String> problems(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        kind.configure(TestHandle.of("events", url, keys), problems);
        for (String problem : problems) {
            assertFalse(problem.contains(Canary.PASSWORD), problem);
        }
        return problems;
    }

    @Test
    void fullUrlGivesHostPortVirtualHostAndCredentials() {
        RabbitSettings s = accepted("amqp://app:" + Canary.PASSWORD + "@127.0.0.1:5673/orders");
        assertFalse(s.tls());
        assertEquals("127.0.0.1", s.host());
        assertEquals(5673, s.port());
        assertEquals("orders", s.virtualHost());
        assertEquals("app", s.username());
        assertEquals(Canary.PASSWORD, s.password());
        assertEquals("amqp://127.0.0.1:5673/orders", s.location());
    }

    @Test
    void bareUrlTakesTheClientDefaults() {
        RabbitSettings s = accepted("amqp://rabbit.internal");
        assertEquals(5672, s.port());
        assertEquals("/", s.virtualHost());
        assertEquals("guest", s.username());
        assertEquals("guest", s.password());
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertEquals(Duration.ofSeconds(10), s.handshakeTimeout());
        assertEquals(Duration.ofSeconds(60), s.heartbeat());
        assertEquals(Optional.empty(), s.rpcTimeout());
        assertTrue(s.automaticRecovery());
        assertEquals("amqp://rabbit.internal:5672/%2F", s.location());
    }

    @Test
    void emptyPathAndEncodedSlashBothMeanTheDefaultVirtualHost() {
        assertEquals("/", accepted("amqp://h/").virtualHost());
        assertEquals("/", accepted("amqp://h/%2F").virtualHost());
        assertEquals("/", accepted("amqp://h/%2f").virtualHost());
    }

    @Test
    void virtualHostIsPercentDecoded() {
        assertEquals("a/b", accepted("amqp://h/a%2Fb").virtualHost());
        assertEquals("my vhost", accepted("amqp://h/my%20vhost").virtualHost());
        assertEquals("a+b", accepted("amqp://h/a+b").virtualHost());
    }

    @Test
    void cloudAmqpUrlAsTheProviderGivesIt() {
        RabbitSettings s = accepted("amqps://xkqwbfzr:" + Canary.PASSWORD + "@kangaroo.rmq.cloudamqp.com/xkqwbfzr");
        assertTrue(s.tls());
        assertEquals(5671, s.port());
        assertEquals("kangaroo.rmq.cloudamqp.com", s.host());
        assertEquals("xkqwbfzr", s.virtualHost());
        assertEquals("xkqwbfzr", s.username());
        assertTrue(s.verifyTls());
    }

    @Test
    void percentEncodedCredentialsAreDecoded() {
        RabbitSettings s = accepted("amqp://us%40er:p%3Ass@h/");
        assertEquals("us@er", s.username());
        assertEquals("p:ss", s.password());
    }

    @Test
    void credentialsMayComeFromKeys() {
        RabbitSettings s = accepted("amqp://h/", "username", "app", "password", Canary.PASSWORD);
        assertEquals("app", s.username());
        assertEquals(Canary.PASSWORD, s.password());
    }

    @Test
    void queryParametersOfTheUriSpecAreRead() {
        RabbitSettings s = accepted("amqp://h/?heartbeat=30&connection_timeout=5000&channel_max=100");
        assertEquals(Duration.ofSeconds(30), s.heartbeat());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(100, s.channelMax());
    }

    @Test
    void keysWinOverTheQuery() {
        RabbitSettings s = accepted("amqp://h/?heartbeat=30&connection_timeout=5000", "heartbeat", "15s",
                "connect-timeout", "2s", "handshake-timeout", "3s", "rpc-timeout", "1m", "channel-max", "8",
                "automatic-recovery", "false", "recovery-interval", "500ms", "tls.verify", "false");
        assertEquals(Duration.ofSeconds(15), s.heartbeat());
        assertEquals(Duration.ofSeconds(2), s.connectTimeout());
        assertEquals(Duration.ofSeconds(3), s.handshakeTimeout());
        assertEquals(Optional.of(Duration.ofMinutes(1)), s.rpcTimeout());
        assertEquals(8, s.channelMax());
        assertFalse(s.automaticRecovery());
        assertEquals(Duration.ofMillis(500), s.recoveryInterval());
        assertFalse(s.verifyTls());
    }

    @Test
    void otherSchemesAreRejected() {
        assertEquals(List.of("url: scheme 'http' does not fit RabbitMQ (use amqp:// or amqps://)"),
                problems("http://app:" + Canary.PASSWORD + "@h/"));
        assertEquals(List.of("url: scheme 'redis' does not fit RabbitMQ (use amqp:// or amqps://)"),
                problems("redis://h:6379"));
    }

    @Test
    void aUrlWithoutHostIsRejected() {
        assertEquals(List.of("url: an AMQP URL needs a host, as in amqp://user:pass@host:5672/vhost"),
                problems("amqp:orders"));
    }

    @Test
    void aPathOfSeveralSegmentsIsRejected() {
        assertEquals(List.of("url: the path names one virtual host, but '/a/b' has several segments (write a '/' "
                + "inside the name as %2F)"), problems("amqp://h/a/b"));
    }

    @Test
    void aPortOutOfRangeIsRejected() {
        assertEquals(List.of("url: port 70000 is out of range (1 to 65535)"), problems("amqp://h:70000/"));
    }

    @Test
    void unknownOrMalformedQueryParametersAreRejected() {
        assertEquals(List.of(
                "url: query parameter 'auth_mechanism' is not supported (use heartbeat, connection_timeout or "
                        + "channel_max)",
                "url: query parameter heartbeat='soon' is not a whole number of 0 or more"),
                problems("amqp://h/?auth_mechanism=external&heartbeat=soon"));
    }

    @Test
    void everyBadKeyIsReportedAtOnceNamingTheKey() {
        assertEquals(List.of(
                "connect-timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)",
                "handshake-timeout: must be more than 0, but is '0'",
                "heartbeat: '-1s' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)",
                "channel-max: '70000' is not a whole number from 0 to 65535",
                "automatic-recovery: 'maybe' is not true or false",
                "tls.verify: 'yes' is not true or false"),
                problems("amqps://app:" + Canary.PASSWORD + "@h/", "connect-timeout", "soon", "handshake-timeout",
                        "0", "heartbeat", "-1s", "channel-max", "70000", "automatic-recovery", "maybe",
                        "tls.verify", "yes"));
    }

    @Test
    void settingsNeverShowThePassword() {
        RabbitSettings s = accepted("amqp://app:" + Canary.PASSWORD + "@h/");
        assertFalse(s.toString().contains(Canary.PASSWORD), s.toString());
    }
}
