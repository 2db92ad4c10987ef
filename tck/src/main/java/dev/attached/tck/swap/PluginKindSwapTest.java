package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceStatus;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.kind.Echo;
import dev.attached.tck.kind.EchoKind;
import dev.attached.tck.support.Await;

/**
 * The injected reference of a plug-in kind is stable: after a swap the same reference reaches the new generation at
 * once, while a call in progress on the old one finishes there, and the old one is closed only after it returns.
 * A new service whose probe hangs is never swapped in: the swap fails within {@code health.timeout}.
 */
@ExtendWith(ArquillianExtension.class)
public class PluginKindSwapTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(PluginKindSwapTest.class,
                "attached.echo.url=echo://alpha/v1\nattached.echo.health.timeout=1s\n", Client.class));
    }

    @ApplicationScoped
    public static class Client {
        @Inject
        @AttachedResource("echo")
        Echo echo;

        Echo echo() {
            return echo;
        }
    }

    @Inject
    Client client;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void aCallInProgressFinishesOnTheOldGenerationWhichClosesAfterIt() throws Exception {
        Echo echo = client.echo();
        String old = echo.location();
        long oldId = echo.id();
        long generation = resources.status("echo").generation();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> inProgress = CompletableFuture.supplyAsync(() -> {
            try {
                return echo.hold(inside, release);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(inside.await(30, TimeUnit.SECONDS));

        String next = "echo://next-" + generation + "/v1";
        TckConfigSource.set("attached.echo.url", next);
        Await.until(() -> resources.status("echo").generation() == generation + 1,
                () -> "no swap: " + resources.status("echo"));
        assertEquals(next, echo.location(), "new calls must reach the new generation at once");
        Await.sleep(500);
        assertFalse(EchoKind.closed(oldId), "the old generation was closed under a call in progress");

        release.countDown();
        assertEquals(old, inProgress.get(30, TimeUnit.SECONDS));
        Await.until(() -> EchoKind.closed(oldId), () -> "the old generation was never closed");
        assertFalse(echo.closed());
    }

    @Test
    public void aNewServiceThatHangsIsNeverSwappedIn() {
        String before = client.echo().location();
        long beforeId = client.echo().id();
        long generation = resources.status("echo").generation();
        long start = System.nanoTime();
        TckConfigSource.setQuietly("attached.echo.url", "echo://hung/v1");
        ResourceStatus status = resources.refresh("echo");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(generation, status.generation(), status.toString());
        assertTrue(status.lastError().isPresent(), status.toString());
        assertEquals(before, client.echo().location());
        assertTrue(tookMillis < 20_000, "the swap waited " + tookMillis + " ms for a hung probe");
        assertFalse(EchoKind.closed(beforeId), "the generation serving was closed by a failed swap");
    }
}
