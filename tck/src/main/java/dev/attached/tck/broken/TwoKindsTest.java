package dev.attached.tck.broken;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.tck.Deployments;
import dev.attached.tck.kind.Echo;

/**
 * One name injected as two unrelated kinds (a DataSource here, a plug-in kind's Echo there) is a definition error.
 */
@ExtendWith(ArquillianExtension.class)
public class TwoKindsTest {

    @Deployment
    @ShouldThrowException(value = DefinitionException.class, testable = true)
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(TwoKindsTest.class,
                "attached.shared.url=jdbc:h2:mem:tck-two-kinds\n", AsDataSource.class, AsEcho.class));
    }

    @ApplicationScoped
    public static class AsDataSource {
        @Inject
        @AttachedResource("shared")
        DataSource resource;
    }

    @ApplicationScoped
    public static class AsEcho {
        @Inject
        @AttachedResource("shared")
        Echo resource;
    }

    @Test
    @RunAsClient
    public void deploymentFails() {
        // the deployment above must not succeed
    }
}
