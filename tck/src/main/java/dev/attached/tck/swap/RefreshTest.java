package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

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
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.kind.Echo;

/**
 * {@code AttachedResources.refresh(name)} re-reads the configuration now, swaps if the handle changed (a url, a
 * password, any key under {@code attached.<name>.}), and returns the status after it. A change nobody signalled is
 * not applied until then.
 */
@ExtendWith(ArquillianExtension.class)
public class RefreshTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(RefreshTest.class,
                "attached.echo.url=echo://alpha/v1\nattached.echo.region=eu\n", Client.class));
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
    public void refreshAppliesAChangeNobodySignalled() {
        ResourceStatus before = resources.status("echo");
        long generation = before.generation();
        TckConfigSource.setQuietly("attached.echo.url", "echo://beta/v2");
        assertEquals(generation, resources.status("echo").generation());
        assertEquals("echo://alpha/v1", client.echo().location());

        ResourceStatus status = resources.refresh("echo");
        assertEquals(generation + 1, status.generation(), status.toString());
        assertEquals(ResourceState.ATTACHED, status.state());
        assertEquals("echo://beta/v2", status.location());
        assertEquals("echo", status.name());
        assertTrue(status.lastError().isEmpty(), status.toString());
        assertFalse(status.since().isBefore(before.since()), status + " is older than " + before);
        assertFalse(status.since().isAfter(Instant.now().plusSeconds(1)), status.toString());
        assertEquals("echo://beta/v2", client.echo().location());

        assertEquals(generation + 1, resources.refresh("echo").generation(), "nothing changed, nothing to swap");
    }

    @Test
    public void anyKeyOfTheResourceIsPartOfItsHandle() {
        long generation = resources.status("echo").generation();
        TckConfigSource.setQuietly("attached.echo.region", "us");
        assertEquals(generation + 1, resources.refresh("echo").generation());
    }

    @Test
    public void anUnknownNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> resources.refresh("not-injected"));
    }
}
