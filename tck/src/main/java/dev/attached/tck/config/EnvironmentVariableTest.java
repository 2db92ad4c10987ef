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
import dev.attached.ResourceHandle;
import dev.attached.tck.Deployments;

/**
 * Keys are read through MicroProfile Config, so an environment variable named by its rules
 * ({@code ATTACHED_ENV_API_URL} for {@code attached.env-api.url}) wins over {@code microprofile-config.properties}.
 * The runner sets {@value #VARIABLE}={@value #VALUE} in the environment of the runtime.
 */
@ExtendWith(ArquillianExtension.class)
public class EnvironmentVariableTest {

    public static final String VARIABLE = "ATTACHED_ENV_API_URL";
    public static final String VALUE = "https://env.example.com/v1";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(EnvironmentVariableTest.class,
                "attached.env-api.url=https://file.example.com/v1\n", Client.class);
    }

    @ApplicationScoped
    public static class Client {
        @Inject
        @AttachedResource("env-api")
        ResourceHandle api;

        ResourceHandle api() {
            return api;
        }
    }

    @Inject
    Client client;

    @Test
    public void anEnvironmentVariableWins() {
        assertEquals(VALUE, System.getenv(VARIABLE), "the runner must set " + VARIABLE + "=" + VALUE);
        assertEquals(URI.create(VALUE), client.api().uri());
    }
}
