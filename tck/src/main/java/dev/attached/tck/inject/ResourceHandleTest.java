package dev.attached.tck.inject;

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
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.tck.Deployments;

/**
 * A ResourceHandle gives the configured locator, the credentials (from the URL's percent-decoded userinfo or from
 * their own keys) taken out of it, and further keys; its toString shows no secret.
 */
@ExtendWith(ArquillianExtension.class)
public class ResourceHandleTest {

    static final String SECRET = "tck-S3cret";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(ResourceHandleTest.class,
                "attached.geo-api.url=https://tck-user:" + SECRET + "@geo.example.com/v1\n"
                        + "attached.geo-api.api-version=7\n"
                        + "attached.keyed-api.url=https://keyed.example.com:8443/v2\n"
                        + "attached.keyed-api.username=keyed-user\n"
                        + "attached.keyed-api.password=keyed-" + SECRET + "\n"
                        + "attached.encoded-api.url=https://tck%40user:p%3Ass%2F" + SECRET
                        + "@encoded.example.com/v3\n",
                GeoClient.class);
    }

    @ApplicationScoped
    public static class GeoClient {
        @Inject
        @AttachedResource("geo-api")
        ResourceHandle geo;

        @Inject
        @AttachedResource("keyed-api")
        ResourceHandle keyed;

        @Inject
        @AttachedResource("encoded-api")
        ResourceHandle encoded;

        ResourceHandle geo() {
            return geo;
        }

        ResourceHandle keyed() {
            return keyed;
        }

        ResourceHandle encoded() {
            return encoded;
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
    public void credentialsMayComeFromTheirOwnKeys() {
        ResourceHandle keyed = client.keyed();
        assertEquals(URI.create("https://keyed.example.com:8443/v2"), keyed.uri());
        assertEquals(Optional.of("keyed-user"), keyed.username());
        assertEquals(Optional.of("keyed-" + SECRET), keyed.password());
        assertFalse(keyed.toString().contains(SECRET), keyed.toString());
    }

    @Test
    public void userinfoIsPercentDecoded() {
        ResourceHandle encoded = client.encoded();
        assertEquals(URI.create("https://encoded.example.com/v3"), encoded.uri());
        assertEquals(Optional.of("tck@user"), encoded.username());
        assertEquals(Optional.of("p:ss/" + SECRET), encoded.password());
        assertFalse(encoded.toString().contains(SECRET), encoded.toString());
    }

    @Test
    public void statusDescribesTheResource() {
        assertEquals(Set.of("geo-api", "keyed-api", "encoded-api"), resources.names());
        ResourceStatus status = resources.status("geo-api");
        assertEquals("handle", status.kind());
        assertEquals(ResourceState.ATTACHED, status.state());
        assertEquals(1, status.generation());
        assertEquals("https://geo.example.com/v1", status.location());
        assertFalse(status.toString().contains(SECRET));
        assertThrows(IllegalArgumentException.class, () -> resources.status("not-injected"));
    }
}
