package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.kind.Echo;
import dev.attached.tck.support.Await;

/**
 * After any mix of concurrent signals and refreshes, the resource ends matching the configuration: its url and its
 * password are both the ones the configuration holds last, never a mix of two writes.
 */
@ExtendWith(ArquillianExtension.class)
public class ConvergenceTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(ConvergenceTest.class,
                "attached.echo.url=echo://start/v0\n", Client.class));
    }

    @ApplicationScoped
    public static class Client {
        @Inject
        @AttachedResource("echo")
        Echo echo;

        @Inject
        @AttachedResource("echo")
        ResourceHandle handle;

        Echo echo() {
            return echo;
        }

        ResourceHandle handle() {
            return handle;
        }
    }

    @Inject
    Client client;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void concurrentSignalsAndRefreshesEndMatchingTheConfiguration() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        if (ThreadLocalRandom.current().nextBoolean()) {
                            String value = "host-" + thread + "-" + i;
                            TckConfigSource.set("attached.echo.url", "echo://" + value + "/v1");
                            TckConfigSource.set("attached.echo.password", "secret-of-" + value);
                        } else {
                            resources.refresh("echo");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }
        // what the configuration holds last, asked of the source the test wrote (it wins, at ordinal 900): a
        // server's Config may answer from a cache (Payara Micro keeps values 60 s)
        String url = TckConfigSource.value("attached.echo.url");
        String password = TckConfigSource.value("attached.echo.password");
        Await.until(() -> url.equals(client.echo().location())
                && password.equals(client.handle().password().orElse(null)),
                () -> "the configuration says " + url + " but the resource is at " + client.echo().location() + " ("
                        + resources.status("echo") + ")");
        assertEquals(url, resources.status("echo").location());
    }
}
