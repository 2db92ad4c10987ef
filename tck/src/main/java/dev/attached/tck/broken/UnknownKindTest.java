package dev.attached.tck.broken;

import java.util.function.Supplier;

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

/** A type that no kind supports is a definition error. */
@ExtendWith(ArquillianExtension.class)
public class UnknownKindTest {

    @Deployment
    @ShouldThrowException(value = DefinitionException.class, testable = true)
    public static WebArchive deployment() {
        return Deployments.archive(UnknownKindTest.class, "attached.clock.url=https://time.example.com\n",
                Broken.class);
    }

    @ApplicationScoped
    public static class Broken {
        @Inject
        @AttachedResource("clock")
        Supplier<String> resource;
    }

    @Test
    @RunAsClient
    public void deploymentFails() {
        // the deployment above must not succeed
    }
}
