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
import dev.attached.ResourceHandle;
import dev.attached.tck.Deployments;

/** A resource without a url that is not optional fails deployment. */
@ExtendWith(ArquillianExtension.class)
public class MissingUrlTest {

    @Deployment
    @ShouldThrowException(value = DeploymentException.class, testable = true)
    public static WebArchive deployment() {
        return Deployments.archive(MissingUrlTest.class, "attached.other.url=https://example.com\n", NeedsUrl.class);
    }

    @ApplicationScoped
    public static class NeedsUrl {
        @Inject
        @AttachedResource("missing-api")
        ResourceHandle api;
    }

    @Test
    @RunAsClient
    public void deploymentFails() {
        // the deployment above must not succeed
    }
}
