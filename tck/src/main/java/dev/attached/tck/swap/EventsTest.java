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
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.kind.Echo;
import dev.attached.tck.support.Await;

/**
 * {@code ResourceSwapped} and {@code ResourceSwapFailed} are fired qualified {@code @AttachedResource(name)}: an
 * observer of one resource hears only its own, and each event carries the name, generation and masked location.
 */
@ExtendWith(ArquillianExtension.class)
public class EventsTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(EventsTest.class,
                "attached.first.url=echo://first/v1\nattached.second.url=echo://second/v1\n", Observers.class));
    }

    @ApplicationScoped
    public static class Observers {
        final List<Object> first = new CopyOnWriteArrayList<>();
        final List<Object> second = new CopyOnWriteArrayList<>();

        @Inject
        @AttachedResource("first")
        Echo firstEcho;

        @Inject
        @AttachedResource("second")
        Echo secondEcho;

        void firstSwapped(@Observes @AttachedResource("first") ResourceSwapped event) {
            first.add(event);
        }

        void firstFailed(@Observes @AttachedResource("first") ResourceSwapFailed event) {
            first.add(event);
        }

        void secondSwapped(@Observes @AttachedResource("second") ResourceSwapped event) {
            second.add(event);
        }

        void secondFailed(@Observes @AttachedResource("second") ResourceSwapFailed event) {
            second.add(event);
        }

        List<Object> first() {
            return first;
        }

        List<Object> second() {
            return second;
        }
    }

    @Inject
    Observers observers;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void eachResourcesObserversHearOnlyItsEvents() {
        TckConfigSource.set("attached.first.url", "echo://tck:Events-S3cret@first-again/v2");
        Await.until(() -> observers.first().size() == 1, () -> "no event: " + resources.status("first"));
        assertEquals(new ResourceSwapped("first", 2, "echo://first-again/v2", "echo://first/v1"),
                observers.first().get(0));

        TckConfigSource.set("attached.first.url", "echo://down/v3");
        Await.until(() -> observers.first().size() == 2, () -> "no event: " + resources.status("first"));
        ResourceSwapFailed failed = (ResourceSwapFailed) observers.first().get(1);
        assertEquals("first", failed.name());
        assertEquals("echo://down/v3", failed.location());

        Await.sleep(1_000);
        assertEquals(List.of(), observers.second());
    }
}
