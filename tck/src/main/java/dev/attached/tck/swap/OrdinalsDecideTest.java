package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
import dev.attached.ResourceSwapped;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.TckLowConfigSource;
import dev.attached.tck.kind.Echo;
import dev.attached.tck.support.Await;

/**
 * A reported change is re-read through Config, so ordinals still decide: a source below
 * {@code microprofile-config.properties} reporting a new url swaps nothing; the extension subscribes to every
 * observable source, and one above it does swap.
 */
@ExtendWith(ArquillianExtension.class)
public class OrdinalsDecideTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(OrdinalsDecideTest.class,
                "attached.echo.url=echo://from-file/v1\n", Client.class));
    }

    @ApplicationScoped
    public static class Client {
        final List<ResourceSwapped> swaps = new CopyOnWriteArrayList<>();

        @Inject
        @AttachedResource("echo")
        Echo echo;

        void swapped(@Observes @AttachedResource("echo") ResourceSwapped swap) {
            swaps.add(swap);
        }

        List<ResourceSwapped> swaps() {
            return swaps;
        }

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
        TckLowConfigSource.reset();
    }

    @Test
    public void aChangeBelowAHigherValueSwapsNothing() {
        TckLowConfigSource.set("attached.echo.url", "echo://from-low-source/v1");
        Await.sleep(2_000); // the change is applied (or not) within this
        assertEquals(List.of(), client.swaps());
        assertEquals("echo://from-file/v1", client.echo().location());

        TckConfigSource.set("attached.echo.url", "echo://from-high-source/v1");
        Await.until(() -> !client.swaps().isEmpty(), () -> "no swap: " + resources.status("echo"));
        assertEquals(1, client.swaps().size(), client.swaps().toString());
        assertEquals("echo://from-high-source/v1", client.swaps().get(0).location());
        assertEquals("echo://from-high-source/v1", client.echo().location());
    }
}
