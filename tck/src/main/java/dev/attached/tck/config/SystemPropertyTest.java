package dev.attached.tck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.ResourceStatus;
import dev.attached.tck.Deployments;

/**
 * Keys are read through MicroProfile Config: a system property (ordinal 400) wins over
 * {@code microprofile-config.properties}, and {@code refresh} applies the value the configuration holds now: a
 * server's config cache must not hide it.
 */
@ExtendWith(ArquillianExtension.class)
public class SystemPropertyTest {

    static final String KEY = "attached.sys-api.url";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(SystemPropertyTest.class, KEY + "=mailto:file@example.com\n", Client.class);
    }

    @ApplicationScoped
    public static class Client {
        @Inject
        @AttachedResource("sys-api")
        ResourceHandle api;

        ResourceHandle api() {
            return api;
        }
    }

    @Inject
    Client client;

    @Inject
    AttachedResources resources;

    @Test
    public void aSystemPropertyWinsAndRefreshAppliesItAtOnce() {
        assertEquals(URI.create("mailto:file@example.com"), client.api().uri());
        System.setProperty(KEY, "mailto:property@example.com");
        try {
            ResourceStatus status = resources.refresh("sys-api");
            assertEquals(2, status.generation(), status.toString());
            assertEquals(URI.create("mailto:property@example.com"), client.api().uri());
        } finally {
            System.clearProperty(KEY);
        }
        ResourceStatus status = resources.refresh("sys-api");
        assertEquals(3, status.generation(), status.toString());
        assertEquals(URI.create("mailto:file@example.com"), client.api().uri());
    }
}
