package dev.attached.tck.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.tck.Deployments;
import dev.attached.tck.support.H2Server;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;
import dev.attached.tck.support.Ports;
import dev.attached.tck.support.SilentServer;

/**
 * A probe never takes longer than its {@code health.timeout} (default 2s): four databases that accept connections and never
 * answer are each DOWN with the reason, and the readiness response comes in about one timeout, not four: checks of
 * different resources do not queue behind each other, and a check never throws.
 */
@ExtendWith(ArquillianExtension.class)
public class ReadinessTimeoutTest {

    static final List<String> NAMES = List.of("hung-a", "hung-b", "hung-c", "hung-d");
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Deployment
    public static WebArchive deployment() {
        int port = Ports.free();
        StringBuilder config = new StringBuilder(Ports.entry("silent", port));
        for (String name : NAMES) {
            config.append("attached.").append(name).append(".url=").append(H2Server.url(port, name)).append('\n');
            if (!name.equals("hung-a")) { // hung-a has the default, 2s
                config.append("attached.").append(name).append(".health.timeout=").append(TIMEOUT.toSeconds())
                        .append("s\n");
            }
        }
        return Deployments.archive(ReadinessTimeoutTest.class, config.toString(), Databases.class);
    }

    @ApplicationScoped
    public static class Databases {
        @Inject
        @AttachedResource("hung-a")
        DataSource a;
        @Inject
        @AttachedResource("hung-b")
        DataSource b;
        @Inject
        @AttachedResource("hung-c")
        DataSource c;
        @Inject
        @AttachedResource("hung-d")
        DataSource d;
    }

    @Test
    public void hungServicesAreDownWithinOneTimeoutTogether() {
        try (SilentServer silent = SilentServer.on(Ports.configured("silent"))) {
            for (int request = 1; request <= 2; request++) {
                long start = System.nanoTime();
                HealthReport readiness = Health.readiness();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals("DOWN", readiness.status(), readiness.toString());
                for (String name : NAMES) {
                    HealthReport.Check check = readiness.check("attached:" + name);
                    assertEquals("DOWN", check.status(), check.toString());
                    assertTrue(check.data().entrySet().stream().anyMatch(e -> e.getKey().contains("error")
                            && !String.valueOf(e.getValue()).isBlank()), "no reason given: " + check);
                }
                if (request == 1) {
                    assertTrue(took.compareTo(TIMEOUT.dividedBy(2)) > 0, "answered in " + took.toMillis()
                            + " ms: the databases were refused, not hung, so the timeout was not tested");
                }
                // four hung probes one after another would take four timeouts
                Duration bound = TIMEOUT.multipliedBy(NAMES.size()).minus(TIMEOUT.dividedBy(2));
                assertTrue(took.compareTo(bound) < 0,
                        "request " + request + " took " + took.toMillis() + " ms, the bound is " + bound.toMillis()
                                + " ms: " + readiness);
            }
        }
    }
}
