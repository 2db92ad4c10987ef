package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.ResourceSwapped;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.kind.Echo;
import dev.attached.tck.support.Await;

/**
 * Changes arriving close together (a new url, then its new password, reported one after the other) are applied as
 * one swap, never half: one {@code ResourceSwapped}, one new generation, and it has both new values.
 */
@ExtendWith(ArquillianExtension.class)
public class CoalescedChangesTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(CoalescedChangesTest.class,
                "attached.echo.url=echo://alpha/v1\nattached.echo.username=tck\nattached.echo.password=old\n",
                Client.class));
    }

    @ApplicationScoped
    public static class Client {
        final List<ResourceSwapped> swaps = new CopyOnWriteArrayList<>();

        @Inject
        @AttachedResource("echo")
        ResourceHandle handle;

        @Inject
        @AttachedResource("echo")
        Echo echo;

        void swapped(@Observes @AttachedResource("echo") ResourceSwapped swap) {
            swaps.add(swap);
        }

        List<ResourceSwapped> swaps() {
            return swaps;
        }

        ResourceHandle handle() {
            return handle;
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
    public void aUrlAndItsPasswordChangedTogetherMakeOneSwap() {
        TckConfigSource.set("attached.echo.url", "echo://beta/v2");
        TckConfigSource.set("attached.echo.password", "new");
        Await.until(() -> !client.swaps().isEmpty(), () -> "no swap: " + resources.status("echo"));
        Await.sleep(2_000); // a second, half swap would come within this
        assertEquals(1, client.swaps().size(), client.swaps().toString());
        assertEquals(2, client.swaps().get(0).generation());
        assertEquals("echo://beta/v2", client.swaps().get(0).location());
        assertEquals(2, resources.status("echo").generation());
        assertEquals("echo://beta/v2", client.handle().uri().toString());
        assertEquals(Optional.of("new"), client.handle().password());
    }
}
