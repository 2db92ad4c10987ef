package dev.attached.tck.broken;

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
import dev.attached.ResourceHandle;
import dev.attached.tck.Deployments;

/** A resource name outside {@code [a-z0-9]([a-z0-9-]*[a-z0-9])?} is a definition error. */
@ExtendWith(ArquillianExtension.class)
public class InvalidNameTest {

    @Deployment
    @ShouldThrowException(value = DefinitionException.class, testable = true)
    public static WebArchive deployment() {
        return Deployments.archive(InvalidNameTest.class, "attached.Geo_API.url=https://example.com\n", BadName.class);
    }

    @ApplicationScoped
    public static class BadName {
        @Inject
        @AttachedResource("Geo_API")
        ResourceHandle api;
    }

    @Test
    @RunAsClient
    public void deploymentFails() {
        // the deployment above must not succeed
    }
}
