package dev.attached.tck.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.ResourceState;
import dev.attached.tck.Deployments;
import dev.attached.tck.kind.Echo;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;

/**
 * An application adds a kind by adding its {@code ResourceKind} to {@code META-INF/services}; nothing else changes:
 * its type is injected, it has a status and a readiness check, and the same name can be read as a ResourceHandle.
 */
@ExtendWith(ArquillianExtension.class)
public class PluginKindTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(PluginKindTest.class,
                "attached.echo.url=echo://alpha/v1\nattached.echo.region=eu\n", Client.class));
    }

    @ApplicationScoped
    public static class Client {
        @Inject
        @AttachedResource("echo")
        Echo echo;

        @Inject
        @AttachedResource("echo")
        Instance<Echo> instance;

        @Inject
        @AttachedResource("echo")
        ResourceHandle handle;

        Echo echo() {
            return echo;
        }

        Echo fromInstance() {
            return instance.get();
        }

        ResourceHandle handle() {
            return handle;
        }
    }

    @Inject
    Client client;

    @Inject
    AttachedResources resources;

    @Test
    public void theKindsTypeIsInjected() {
        assertEquals("echo://alpha/v1", client.echo().location());
        assertSame(client.fromInstance(), client.fromInstance());
        assertEquals("echo://alpha/v1", client.fromInstance().location());
        assertEquals("eu", client.handle().property("region").orElseThrow());
    }

    @Test
    public void theKindHasStatusAndReadiness() {
        assertEquals("echo", resources.status("echo").kind());
        assertEquals(ResourceState.ATTACHED, resources.status("echo").state());
        HealthReport.Check check = Health.readiness().check("attached:echo");
        assertEquals("UP", check.status(), check.toString());
        assertEquals("echo", check.text("kind").orElseThrow());
    }
}
