package dev.attached.impl.source;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attached.ResourceState;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.SwapRecorder;
import dev.attached.impl.testing.TestApp;

/**
 * The directory source as files are really written: truncated first ({@code echo url > file}), by several writes,
 * one file after another, made unreadable. No transient state detaches a resource or makes half a swap.
 */
class DirectorySourceTest {

    private static final String URL = "attached.orders-db.url";

    @TempDir
    Path dir;

    /** Calls the database without pause and records every failure, as an application under load would. */
    private static final class Caller implements AutoCloseable {
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final List<ResourceState> states = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Caller(TestApp app) {
            Orders orders = app.select(Orders.class);
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        orders.product();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                    states.add(app.resources().status("orders-db").state());
                    sleep(10);
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    @Test
    void aFileLeftEmptyWhileItIsRewrittenNeverDetaches() throws Exception {
        Path url = Files.writeString(dir.resolve(URL), "jdbc:h2:mem:empty-a\n");
        DirectoryConfigSource source = new DirectoryConfigSource(dir, 450, Duration.ofMillis(100));
        try (TestApp app = TestApp.with().source(source).beans(Orders.class, SwapRecorder.class).start();
                Caller caller = new Caller(app)) {
            Files.writeString(url, ""); // what `echo url > file` does first; here the writer takes its time
            sleep(1500);
            Files.writeString(url, "jdbc:h2:mem:empty-b\n");
            await().atMost(10, SECONDS).until(() -> app.resources().status("orders-db").generation() == 2);
            caller.close();
            assertEquals(List.of(), caller.failures);
            assertTrue(caller.states.stream().allMatch(s -> s == ResourceState.ATTACHED), caller.states::toString);
            assertEquals(1, app.select(SwapRecorder.class).swapped().size());
            assertEquals("jdbc:h2:mem:empty-b", app.resources().status("orders-db").location());
        }
    }

    @Test
    void anUnreadableFileKeepsItsLastValueAndSaysSo() throws Exception {
        Path url = Files.writeString(dir.resolve(URL), "jdbc:h2:mem:unreadable-a");
        DirectoryConfigSource source = new DirectoryConfigSource(dir, 450, Duration.ofMillis(100));
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with().source(source).beans(Orders.class, SwapRecorder.class).start();
                Caller caller = new Caller(app)) {
            Files.write(url, new byte[]{'j', 'd', 'b', 'c', (byte) 0xC3, (byte) 0x28}); // not UTF-8
            sleep(1500);
            assertTrue(log.contains("ATTACHED-030: " + source.getName() + ": file " + URL
                    + " cannot be read (not UTF-8 text); its last value stands"), log.text());

            Files.delete(url);
            Files.createSymbolicLink(url, dir.resolve("..2026_gone").resolve(URL)); // a link into nothing
            sleep(1500);
            assertTrue(log.contains("file " + URL + " cannot be read (a link to nothing)"), log.text());

            Files.delete(url);
            new ProcessBuilder("mkfifo", url.toString()).start().waitFor(); // reading it would block the poller
            sleep(1500);
            assertTrue(log.contains("file " + URL + " cannot be read (not a regular file)"), log.text());

            Files.delete(url);
            Files.write(url, new byte[2 * 1024 * 1024]);
            sleep(1500);
            assertTrue(log.contains("file " + URL + " cannot be read (larger than 1 MiB)"), log.text());

            caller.close();
            assertEquals(List.of(), caller.failures);
            assertTrue(caller.states.stream().allMatch(s -> s == ResourceState.ATTACHED), caller.states::toString);
            assertEquals(0, app.select(SwapRecorder.class).swapped().size());
            assertEquals(0, app.select(SwapRecorder.class).failed().size());
        }
    }

    @Test
    void deletingTheFileDetachesOnPurposeAndWritingItAttachesAgain() throws Exception {
        Path url = Files.writeString(dir.resolve(URL), "jdbc:h2:mem:deleted");
        DirectoryConfigSource source = new DirectoryConfigSource(dir, 450, Duration.ofMillis(100));
        try (TestApp app = TestApp.with("attached.orders-db.optional", "true").source(source).beans(Orders.class)
                .start()) {
            Files.delete(url);
            await().atMost(10, SECONDS)
                    .until(() -> app.resources().status("orders-db").state() == ResourceState.DETACHED);
            Files.writeString(url, "jdbc:h2:mem:deleted");
            await().atMost(10, SECONDS)
                    .until(() -> app.resources().status("orders-db").state() == ResourceState.ATTACHED);
        }
    }

    @Test
    void twoFilesWrittenWithinASettlePlusPollWindowMakeOneSwap() throws Exception {
        Files.writeString(dir.resolve(URL), "jdbc:h2:mem:window-a");
        Files.writeString(dir.resolve("attached.orders-db.pool.max-size"), "20");
        DirectoryConfigSource source = new DirectoryConfigSource(dir, 450, Duration.ofSeconds(1)); // the default
        try (TestApp app = TestApp.with().source(source).beans(Orders.class, SwapRecorder.class).start()) {
            Files.writeString(dir.resolve(URL), "jdbc:h2:mem:window-b");
            sleep(1200); // the poll interval plus most of the settle time
            Files.writeString(dir.resolve("attached.orders-db.pool.max-size"), "5");
            await().atMost(15, SECONDS).until(() -> app.resources().status("orders-db").generation() >= 2);
            sleep(3000); // polls and settles again: a second swap would show
            SwapRecorder events = app.select(SwapRecorder.class);
            assertEquals(1, events.swapped().size(), events.swapped()::toString);
            assertEquals(5, app.check("orders-db").getJsonObject("data").getInt("pool.max-size"));
            assertEquals("jdbc:h2:mem:window-b", app.resources().status("orders-db").location());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
