package dev.attached.kind.memcached;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.attached.kind.memcached.testing.ClientLog;
import dev.attached.kind.memcached.testing.MemcachedProcess;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.LogCapture;
import dev.attached.kind.testkit.TestHandle;

import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;

/** The kind against real memcached processes ({@code /usr/bin/memcached}); profile ci-services. */
@EnabledIfSystemProperty(named = "attached.services", matches = "true")
class KindAgainstMemcachedTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final MemcachedKind kind = new MemcachedKind();
    private final List<MemcachedClient> opened = new ArrayList<>();
    private final List<MemcachedProcess> servers = new ArrayList<>();
    private LogCapture log;

    @BeforeEach
    void captureLogs(TestInfo test) {
        log = ClientLog.capture(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (MemcachedClient client : opened) {
            kind.close(client);
        }
        servers.forEach(MemcachedProcess::close);
        log.close();
        Canary.assertAbsent(log.text());
    }

    private MemcachedProcess server() {
        MemcachedProcess server = MemcachedProcess.start();
        servers.add(server);
        return server;
    }

    private MemcachedClient open(String url, String... keyValues) throws Exception {
        List<String> problems = new ArrayList<>();
        MemcachedSettings settings = kind.configure(TestHandle.of("cache", url, keyValues), problems);
        assertEquals(List.of(), problems);
        MemcachedClient client = kind.open(settings);
        opened.add(client);
        return client;
    }

    @Test
    void probeIsUpAndCommandsWork() throws Exception {
        MemcachedProcess server = server();
        MemcachedClient client = open(server.url());
        Map<String, Object> data = kind.probe(client, TIMEOUT);
        assertEquals(server.address(), data.get("servers"));
        assertTrue(String.valueOf(data.get("version")).matches("\\d+\\.\\d+\\.\\d+.*"), data.toString());
        assertFalse(data.containsKey("unreachable"));
        assertTrue(client.set("greeting", 0, "hello"));
        assertEquals("hello", client.get("greeting"));
    }

    @Test
    void binaryProtocolAndKetama() throws Exception {
        MemcachedProcess server = server();
        MemcachedClient client = open(server.url(), "protocol", "binary", "hashing", "ketama");
        kind.probe(client, TIMEOUT);
        assertTrue(client.set("k", 0, "v"));
        assertEquals("v", client.get("k"));
        assertEquals(2, client.incr("n", 1, 1) + 1);
    }

    @Test
    void probeIsDownWhenTheServerStopsAndUpWhenItIsBack() throws Exception {
        MemcachedProcess server = server();
        MemcachedClient client = open(server.url());
        kind.probe(client, TIMEOUT);

        server.stop();
        await().ignoreExceptions().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(
                "no memcached server answered: " + server.address() + " is not connected (refused or unreachable)",
                assertThrows(MemcachedException.class, () -> kind.probe(client, TIMEOUT)).getMessage()));
        assertThrows(MemcachedException.class, () -> client.get("k"));

        server.restart();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> kind.probe(client, TIMEOUT));
        assertTrue(client.set("back", 0, "yes"));
    }

    @Test
    void serverDownAtOpenIsConnectedOnceItStarts() throws Exception {
        MemcachedProcess server = server();
        server.stop();
        MemcachedClient client = open(server.url());
        assertThrows(MemcachedException.class, () -> kind.probe(client, TIMEOUT));
        server.restart();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> kind.probe(client, TIMEOUT));
        assertTrue(client.set("k", 0, "v"));
    }

    @Test
    void twoServersSpreadKeysAndOneDownIsReported() throws Exception {
        MemcachedProcess a = server();
        MemcachedProcess b = server();
        MemcachedClient client = open(a.url(), "servers", b.address());
        Map<String, Object> data = kind.probe(client, TIMEOUT);
        assertEquals(a.address() + ", " + b.address(), data.get("servers"));
        for (int i = 0; i < 100; i++) {
            assertTrue(client.set("key-" + i, 0, i));
        }
        long onA = countOn(a, 100);
        assertTrue(onA > 10 && onA < 90, "keys on the first server: " + onA);

        b.stop();
        await().ignoreExceptions().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(
                b.address() + " is not connected (refused or unreachable)",
                kind.probe(client, TIMEOUT).get("unreachable")));
    }

    private long countOn(MemcachedProcess server, int keys) throws Exception {
        MemcachedClient direct = open(server.url());
        kind.probe(direct, TIMEOUT);
        long found = 0;
        for (int i = 0; i < keys; i++) {
            if (direct.get("key-" + i) != null) {
                found++;
            }
        }
        return found;
    }

    /** Commands already sent when a generation retires are written before it is shut down. */
    @Test
    void queuedNoReplyCommandsAreWrittenBeforeClose() throws Exception {
        MemcachedProcess server = server();
        MemcachedClient client = open(server.url());
        kind.probe(client, TIMEOUT);
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            client.setWithNoReply("noreply-" + i, 0, "v" + i);
        }
        CountDownLatch released = new CountDownLatch(1);
        kind.retiring(client, released::countDown);
        assertTrue(released.await(10, TimeUnit.SECONDS), "the queue never drained");
        assertEquals(0, kind.inUse(client));
        opened.remove(client);
        kind.close(client);

        MemcachedClient reader = open(server.url());
        kind.probe(reader, TIMEOUT);
        assertEquals("v" + (count - 1), reader.get("noreply-" + (count - 1)));
    }

    @Test
    void saslWithTheRightPassword() throws Exception {
        assumeTrue(Files.isExecutable(MemcachedProcess.SASLPASSWD2), "saslpasswd2 (Debian sasl2-bin) is missing");
        MemcachedProcess server = MemcachedProcess.withSasl("app", Canary.PASSWORD);
        servers.add(server);
        MemcachedClient client = open("memcached://app:" + Canary.PASSWORD + "@127.0.0.1:" + server.port());
        await().ignoreExceptions().atMost(Duration.ofSeconds(5)).untilAsserted(() -> kind.probe(client, TIMEOUT));
        assertTrue(client.set("secret-ok", 0, "yes"));
        assertEquals("yes", client.get("secret-ok"));
    }

    @Test
    void saslWithCramMd5AndKeys() throws Exception {
        assumeTrue(Files.isExecutable(MemcachedProcess.SASLPASSWD2), "saslpasswd2 (Debian sasl2-bin) is missing");
        MemcachedProcess server = MemcachedProcess.withSasl("app", Canary.PASSWORD);
        servers.add(server);
        MemcachedClient client = open(server.url(), "username", "app", "password", Canary.PASSWORD,
                "sasl-mechanism", "CRAM-MD5");
        await().ignoreExceptions().atMost(Duration.ofSeconds(5)).untilAsserted(() -> kind.probe(client, TIMEOUT));
        assertTrue(client.set("k", 0, "v"));
    }

    @Test
    void saslWithAWrongPasswordIsDown() throws Exception {
        assumeTrue(Files.isExecutable(MemcachedProcess.SASLPASSWD2), "saslpasswd2 (Debian sasl2-bin) is missing");
        MemcachedProcess server = MemcachedProcess.withSasl("app", "the-real-one");
        servers.add(server);
        MemcachedClient client = open("memcached://app:" + Canary.PASSWORD + "@127.0.0.1:" + server.port());
        MemcachedException down = assertThrows(MemcachedException.class, () -> kind.probe(client, TIMEOUT));
        Canary.assertAbsent(down.getMessage());
        assertTrue(down.getMessage().startsWith("no memcached server answered: " + server.address()),
                down.getMessage());
        Exception call = assertThrows(Exception.class, () -> client.get("k"));
        Canary.assertAbsent(String.valueOf(call));
    }

    @Test
    void saslWithoutCredentialsIsDown() throws Exception {
        assumeTrue(Files.isExecutable(MemcachedProcess.SASLPASSWD2), "saslpasswd2 (Debian sasl2-bin) is missing");
        MemcachedProcess server = MemcachedProcess.withSasl("app", Canary.PASSWORD);
        servers.add(server);
        MemcachedClient client = open(server.url(), "protocol", "binary");
        MemcachedException down = assertThrows(MemcachedException.class, () -> kind.probe(client, TIMEOUT));
        assertTrue(down.getMessage().startsWith("no memcached server answered: " + server.address()),
                down.getMessage());
        assertThrows(MemcachedException.class, () -> client.get("k"));
    }
}
