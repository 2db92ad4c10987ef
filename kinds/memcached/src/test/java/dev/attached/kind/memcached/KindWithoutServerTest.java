package dev.attached.kind.memcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.attached.kind.memcached.testing.ClientLog;
import dev.attached.kind.memcached.testing.UnreachableServer;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.LogCapture;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.TestHandle;

import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;

/**
 * The kind against servers that do not answer: a port that refuses connections and one that accepts them and stays
 * silent. Needs no memcached, so it runs in the default build. Every test also checks the canary password never
 * reached a log line (XMemcached's included) or a message.
 */
class KindWithoutServerTest {

    private final MemcachedKind kind = new MemcachedKind();
    private final List<MemcachedClient> opened = new ArrayList<>();
    private LogCapture log;

    @BeforeEach
    void captureLogs(TestInfo test) {
        log = ClientLog.capture(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeAndCheckLogs() throws Exception {
        for (MemcachedClient client : opened) {
            kind.close(client);
        }
        log.close();
        Canary.assertAbsent(log.text());
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
    void openDoesNotWaitForARefusingServer() throws Exception {
        long start = System.nanoTime();
        open("memcached://app:" + Canary.PASSWORD + "@127.0.0.1:" + Ports.free(), "connect-timeout", "10s");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000, "open took too long");
    }

    @Test
    void openDoesNotWaitForASilentServer() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            long start = System.nanoTime();
            open("memcached://127.0.0.1:" + silent.port(), "connect-timeout", "10s");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000, "open took too long");
        }
    }

    /** A connection attempt that hangs for its whole connect-timeout, as behind a firewall dropping packets. */
    @Test
    void openDoesNotWaitForAnUnreachableServer() throws Exception {
        try (UnreachableServer unreachable = new UnreachableServer()) {
            long start = System.nanoTime();
            MemcachedClient client = open("memcached://127.0.0.1:" + unreachable.port(), "connect-timeout", "30s");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000, "open took too long");

            MemcachedException down = assertThrows(MemcachedException.class,
                    () -> kind.probe(client, Duration.ofMillis(300)));
            assertEquals("no memcached server answered: 127.0.0.1:" + unreachable.port()
                    + " is still connecting (connect-timeout 30s)", down.getMessage());

            opened.remove(client);
            start = System.nanoTime();
            kind.close(client);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000, "close took too long");
        }
    }

    @Test
    void probeIsDownWhenTheServerRefuses() throws Exception {
        int port = Ports.free();
        MemcachedClient client = open("memcached://127.0.0.1:" + port);
        MemcachedException down = assertThrows(MemcachedException.class,
                () -> kind.probe(client, Duration.ofSeconds(1)));
        assertEquals("no memcached server answered: 127.0.0.1:" + port + " is not connected (refused or"
                + " unreachable)", down.getMessage());
    }

    @Test
    void probeIsDownWithinItsTimeoutWhenTheServerIsSilent() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            MemcachedClient client = open("memcached://127.0.0.1:" + silent.port());
            long start = System.nanoTime();
            MemcachedException down = assertThrows(MemcachedException.class,
                    () -> kind.probe(client, Duration.ofMillis(500)));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals("no memcached server answered: 127.0.0.1:" + silent.port()
                    + " did not answer 'version' within the health timeout (500ms)", down.getMessage());
            assertTrue(millis >= 400 && millis < 1500, "probe took " + millis + " ms");
        }
    }

    @Test
    void probeNamesEveryServer() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            int refused = Ports.free();
            MemcachedClient client = open("memcached://127.0.0.1:" + silent.port(), "servers", "127.0.0.1:" + refused);
            MemcachedException down = assertThrows(MemcachedException.class,
                    () -> kind.probe(client, Duration.ofMillis(500)));
            assertEquals("no memcached server answered: 127.0.0.1:" + silent.port()
                    + " did not answer 'version' within the health timeout (500ms); 127.0.0.1:" + refused
                    + " is not connected (refused or unreachable)", down.getMessage());
        }
        assertTrue(log.text().contains("net.rubyeye.xmemcached"), "the client's own logging is captured too");
    }

    @Test
    void probeWithCredentialsShowsNoSecret() throws Exception {
        int refused = Ports.free();
        MemcachedClient client = open("memcached://app:" + Canary.PASSWORD + "@127.0.0.1:" + refused);
        MemcachedException down = assertThrows(MemcachedException.class,
                () -> kind.probe(client, Duration.ofMillis(500)));
        assertEquals("no memcached server answered: 127.0.0.1:" + refused
                + " is not connected (refused, unreachable, or it rejected the username and password)",
                down.getMessage());
    }

    /** XMemcached waits up to a second for SASL authentication while connecting; the probe does not. */
    @Test
    void probeWhileAuthenticatingToASilentServer() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            MemcachedClient client = open("memcached://app:" + Canary.PASSWORD + "@127.0.0.1:" + silent.port());
            long start = System.nanoTime();
            MemcachedException down = assertThrows(MemcachedException.class,
                    () -> kind.probe(client, Duration.ofMillis(300)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 800);
            assertEquals("no memcached server answered: 127.0.0.1:" + silent.port()
                    + " is still connecting (connect-timeout 5s)", down.getMessage());
        }
    }

    @Test
    void callsFailFastWhileNoServerIsConnected() throws Exception {
        MemcachedClient client = open("memcached://127.0.0.1:" + Ports.free(), "timeout", "5s");
        long start = System.nanoTime();
        MemcachedException e = assertThrows(MemcachedException.class, () -> client.get("k"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000);
        assertEquals("There is no available connection at this moment", e.getMessage());
    }

    @Test
    void theSharedClientCannotBeShutDownOrReconfigured() throws Exception {
        MemcachedClient client = open("memcached://127.0.0.1:" + Ports.free());
        UnsupportedOperationException shutdown = assertThrows(UnsupportedOperationException.class,
                client::shutdown);
        assertEquals("MemcachedClient.shutdown is not available on attached resource 'cache': Attached opens and"
                + " shuts down its clients (a swap replaces it; detach by removing the url)", shutdown.getMessage());
        UnsupportedOperationException timeout = assertThrows(UnsupportedOperationException.class,
                () -> client.setOpTimeout(10));
        assertEquals("MemcachedClient.setOpTimeout is not available on attached resource 'cache': set the timeout"
                + " key under attached.cache. instead", timeout.getMessage());
        assertThrows(UnsupportedOperationException.class, client::getAuthInfoMap);
        assertEquals(2000, client.getOpTimeout());
        assertTrue(client.toString().startsWith("MemcachedClient[cache: 127.0.0.1:"));
    }

    @Test
    void closeShutsTheClientDown() throws Exception {
        MemcachedClient client = open("memcached://127.0.0.1:" + Ports.free());
        opened.remove(client);
        kind.close(client);
        assertTrue(client.isShutdown());
        assertEquals(0, kind.inUse(client));
    }

    /** XMemcached's own shutdown waits up to five seconds for a server to hang up after {@code quit}. */
    @Test
    void closeDoesNotWaitForAHungServer() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            MemcachedClient client = open("memcached://127.0.0.1:" + silent.port());
            assertThrows(MemcachedException.class, () -> kind.probe(client, Duration.ofMillis(200)));
            assertEquals(1, silent.accepted());
            opened.remove(client);
            long start = System.nanoTime();
            kind.close(client);
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis < 500, "close took " + millis + " ms");
        }
    }

    @Test
    void detachedStandInFailsFastWithTheClientsOwnException() {
        String message = "ATTACHED-106: resource 'cache' is detached: set attached.cache.url to attach it";
        MemcachedClient detached = kind.detached(message);
        assertEquals(message, assertThrows(MemcachedException.class, () -> detached.get("k")).getMessage());
        assertEquals(message, assertThrows(MemcachedException.class, () -> detached.set("k", 0, "v")).getMessage());
        assertEquals(message, assertThrows(MemcachedException.class, () -> detached.getVersions()).getMessage());
        assertEquals(message, assertThrows(IOException.class, detached::shutdown).getMessage());
        assertEquals(message, assertThrows(IllegalStateException.class, detached::getOpTimeout).getMessage());
        assertEquals("MemcachedClient[detached: " + message + "]", detached.toString());
    }
}
