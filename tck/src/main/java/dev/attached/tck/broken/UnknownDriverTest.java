package dev.attached.tck.broken;

import javax.sql.DataSource;

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

/** A JDBC url that no driver on the class path accepts fails deployment. */
@ExtendWith(ArquillianExtension.class)
public class UnknownDriverTest {

    @Deployment
    @ShouldThrowException(value = DeploymentException.class, testable = true)
    public static WebArchive deployment() {
        return Deployments.archive(UnknownDriverTest.class,
                "attached.orders-db.url=jdbc:no-such-database://db.example.com/orders\n", Broken.class);
    }

    @ApplicationScoped
    public static class Broken {
        @Inject
        @AttachedResource("orders-db")
        DataSource resource;
    }

    @Test
    @RunAsClient
    public void deploymentFails() {
        // the deployment above must not succeed
    }
}
