package dev.attached.tck.mail.broken;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Inject;
import jakarta.mail.Session;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.tck.Deployments;

/** One name injected as a DataSource and as a mail Session is a definition error. Needs Jakarta Mail. */
@ExtendWith(ArquillianExtension.class)
public class TwoKindsMailTest {

    @Deployment
    @ShouldThrowException(value = DefinitionException.class, testable = true)
    public static WebArchive deployment() {
        return Deployments.archive(TwoKindsMailTest.class, "attached.shared.url=jdbc:h2:mem:tck-two-kinds-mail\n",
                AsDataSource.class, AsSession.class);
    }

    @ApplicationScoped
    public static class AsDataSource {
        @Inject
        @AttachedResource("shared")
        DataSource resource;
    }

    @ApplicationScoped
    public static class AsSession {
        @Inject
        @AttachedResource("shared")
        Session resource;
    }

    @Test
    @RunAsClient
    public void deploymentFails() {
        // the deployment above must not succeed
    }
}
