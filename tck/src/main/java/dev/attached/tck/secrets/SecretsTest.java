package dev.attached.tck.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.kind.Echo;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.H2Server;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.Jdbc;
import dev.attached.tck.support.LogCapture;
import dev.attached.tck.support.Ports;

/**
 * No password or URL userinfo ever appears in a log line, an exception message, a health response, an event, a
 * status or a {@code toString()}. A canary password is configured in every place a secret can be (a password key,
 * URL userinfo) and the test goes through attach, swap, failed swap and detach looking for it everywhere.
 */
@ExtendWith(ArquillianExtension.class)
public class SecretsTest {

    static final String CANARY = "Canary-7f3e9a";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.dynamic(Deployments.withEchoKind(Deployments.archive(SecretsTest.class,
                "attached.secret-db.url=jdbc:h2:mem:tck-secrets;DB_CLOSE_DELAY=-1\n"
                        + "attached.secret-db.username=tck\n"
                        + "attached.secret-db.password=" + CANARY + "\n"
                        + "attached.secret-db.health.timeout=2s\n"
                        + "attached.echo.url=echo://tck:" + CANARY + "@alpha/v1\n",
                Application.class)),
                "attached.secret-api.url=https://tck:" + CANARY + "@127.0.0.1:" + Ports.free() + "/v1\n"
                        + "attached.secret-api.health.timeout=1s\n");
    }

    @ApplicationScoped
    public static class Application {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @Inject
        @AttachedResource("secret-db")
        DataSource db;

        @Inject
        @AttachedResource("secret-db")
        ResourceHandle dbHandle;

        @Inject
        @AttachedResource("secret-api")
        ResourceHandle api;

        @Inject
        @AttachedResource("echo")
        Echo echo;

        void swapped(@Observes @AttachedResource("secret-db") ResourceSwapped event) {
            events.add(event);
        }

        void failed(@Observes @AttachedResource("secret-db") ResourceSwapFailed event) {
            events.add(event);
        }

        void echoSwapped(@Observes @AttachedResource("echo") ResourceSwapped event) {
            events.add(event);
        }

        void echoFailed(@Observes @AttachedResource("echo") ResourceSwapFailed event) {
            events.add(event);
        }

        List<Object> events() {
            return events;
        }

        DataSource db() {
            return db;
        }

        ResourceHandle dbHandle() {
            return dbHandle;
        }

        ResourceHandle api() {
            return api;
        }

        Echo echo() {
            return echo;
        }
    }

    @Inject
    Application application;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void theCanaryNeverShows() throws Exception {
        List<String> seen = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            assertEquals("1", Jdbc.query(application.db(), "SELECT 1"));
            look(seen);

            // a swap, and a swap that fails, both with the canary in the new values
            TckConfigSource.set("attached.echo.url", "echo://tck:" + CANARY + "@beta/v2");
            TckConfigSource.set("attached.secret-db.url", H2Server.url(Ports.free(), "nowhere"));
            Await.until(() -> application.events().size() >= 2, () -> "events so far: " + application.events());
            TckConfigSource.set("attached.echo.url", "echo://tck:" + CANARY + "@down/v3");
            Await.until(() -> application.events().size() >= 3, () -> "events so far: " + application.events());
            look(seen);

            // detached: the calls that fail, and what they say
            TckConfigSource.remove("attached.secret-api.url");
            Await.until(() -> resources.status("secret-api").state() == ResourceState.DETACHED,
                    () -> "not detached: " + resources.status("secret-api"));
            RuntimeException detached = assertThrows(RuntimeException.class, () -> application.api().uri());
            seen.add(describe(detached));
            look(seen);
            seen.addAll(log.lines());
        }
        application.events().forEach(event -> seen.add(event.toString()));
        for (String text : seen) {
            if (text.contains(CANARY)) {
                throw new AssertionError("the canary password shows in: " + text);
            }
        }
    }

    private void look(List<String> seen) {
        seen.add(Health.readiness().text());
        seen.add(Health.liveness().text());
        for (String name : resources.names()) {
            ResourceStatus status = resources.status(name);
            seen.add(status.toString());
            seen.add(status.location());
            status.lastError().ifPresent(seen::add);
        }
        seen.add(application.dbHandle().toString());
        seen.add(application.echo().toString());
        seen.add(application.db().toString());
        try {
            seen.add(application.api().toString());
        } catch (RuntimeException e) {
            seen.add(describe(e));
        }
        try {
            application.db().getConnection().close();
        } catch (SQLException e) {
            seen.add(describe(e));
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append(" | ");
        }
        return text.toString();
    }
}
