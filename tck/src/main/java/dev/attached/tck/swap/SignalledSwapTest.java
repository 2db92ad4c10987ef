package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
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
import dev.attached.ResourceHandle;
import dev.attached.ResourceSwapped;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.support.Ports;

/** A change reported by an ObservableConfigSource swaps the resource under the same injected reference. */
@ExtendWith(ArquillianExtension.class)
public class SignalledSwapTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(SignalledSwapTest.class, "attached.geo-api.url=https://old.example.com/v1\n",
                Swaps.class);
    }

    @ApplicationScoped
    public static class Swaps {
        final List<ResourceSwapped> seen = new CopyOnWriteArrayList<>();

        @Inject
        @AttachedResource("geo-api")
        ResourceHandle geo;

        void swapped(@Observes @AttachedResource("geo-api") ResourceSwapped event) {
            seen.add(event);
        }

        List<ResourceSwapped> seen() {
            return seen;
        }

        ResourceHandle geo() {
            return geo;
        }
    }

    @Inject
    Swaps swaps;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void aReportedChangeSwapsTheSameInjectedReference() throws Exception {
        ResourceHandle geo = swaps.geo();
        // make before break: the new location must answer its probe, so it is a listener on this machine
        try (ServerSocket newApi = new ServerSocket(0, 50, Ports.LOOPBACK)) {
            String newUrl = "http://127.0.0.1:" + newApi.getLocalPort() + "/v2";
            TckConfigSource.set("attached.geo-api.url", newUrl);
            long deadline = System.currentTimeMillis() + 10_000;
            while (swaps.seen().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(new ResourceSwapped("geo-api", 2, newUrl, "https://old.example.com/v1")),
                    swaps.seen());
            assertEquals(URI.create(newUrl), geo.uri());
            assertEquals(2, resources.status("geo-api").generation());
        }
    }

    @Test
    public void refreshWithoutAChangeSwapsNothing() {
        long generation = resources.status("geo-api").generation();
        assertEquals(generation, resources.refresh("geo-api").generation());
        assertTrue(generation >= 1);
    }
}
