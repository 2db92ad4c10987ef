package dev.attached.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;

/** A ResourceHandle gives the configured locator, credentials taken out of it, and further keys. */
@ExtendWith(ArquillianExtension.class)
public class ResourceHandleTest {

    static final String SECRET = "tck-S3cret";

    @Deployment
    public static JavaArchive deployment() {
        return Deployments.archive("attached.geo-api.url=https://tck-user:" + SECRET + "@geo.example.com/v1\n"
                + "attached.geo-api.api-version=7\n", GeoClient.class);
    }

    @ApplicationScoped
    public static class GeoClient {
        @Inject
        @AttachedResource("geo-api")
        ResourceHandle geo;

        ResourceHandle geo() {
            return geo;
        }
    }

    @Inject
    GeoClient client;

    @Inject
    AttachedResources resources;

    @Test
    public void handleGivesLocatorCredentialsAndFurtherKeys() {
        ResourceHandle geo = client.geo();
        assertEquals("geo-api", geo.name());
        assertEquals(URI.create("https://geo.example.com/v1"), geo.uri());
        assertEquals(Optional.of("tck-user"), geo.username());
        assertEquals(Optional.of(SECRET), geo.password());
        assertEquals(Optional.of("7"), geo.property("api-version"));
        assertFalse(geo.toString().contains(SECRET), geo.toString());
    }

    @Test
    public void statusDescribesTheResource() {
        assertEquals(Set.of("geo-api"), resources.names());
        ResourceStatus status = resources.status("geo-api");
        assertEquals("handle", status.kind());
        assertEquals(ResourceState.ATTACHED, status.state());
        assertEquals(1, status.generation());
        assertEquals("https://geo.example.com/v1", status.location());
        assertFalse(status.toString().contains(SECRET));
        assertThrows(IllegalArgumentException.class, () -> resources.status("not-injected"));
    }
}
