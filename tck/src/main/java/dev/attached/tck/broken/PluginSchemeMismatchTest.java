package dev.attached.tck.broken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
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

/** A plug-in kind rejects a url that does not fit it, and deployment fails. */
@ExtendWith(ArquillianExtension.class)
public class PluginSchemeMismatchTest {

    @Deployment
    @ShouldThrowException(value = DeploymentException.class, testable = true)
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(PluginSchemeMismatchTest.class,
                "attached.echo.url=https://echo.example.com\n", Broken.class));
    }

    @ApplicationScoped
    public static class Broken {
        @Inject
        @AttachedResource("echo")
        Echo resource;
    }

    @Test
    @RunAsClient
    public void deploymentFails() {
        // the deployment above must not succeed
    }
}
