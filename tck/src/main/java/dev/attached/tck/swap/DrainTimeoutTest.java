package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

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
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.Jdbc;

/**
 * {@code drain-timeout} bounds how long the old database may keep work that is never given back: after it, the old
 * pool is closed and the connection still held is cut.
 */
@ExtendWith(ArquillianExtension.class)
public class DrainTimeoutTest {

    static final String A = "jdbc:h2:mem:tck-drain-a;DB_CLOSE_DELAY=-1";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(DrainTimeoutTest.class,
                "attached.orders-db.url=" + A + "\nattached.orders-db.drain-timeout=1s\n", Orders.class);
    }

    @ApplicationScoped
    public static class Orders {
        @Inject
        @AttachedResource("orders-db")
        DataSource db;

        DataSource db() {
            return db;
        }
    }

    @Inject
    Orders orders;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void workHeldPastTheDrainTimeoutIsCut() throws Exception {
        Jdbc.database("tck-drain-a");
        String b = Jdbc.database("tck-drain-b");
        try (Connection observer = Jdbc.direct(A); Connection forgotten = orders.db().getConnection()) {
            assertEquals("tck-drain-a", Jdbc.whoami(forgotten));
            TckConfigSource.set("attached.orders-db.url", b);
            Await.until(() -> resources.status("orders-db").generation() == 2,
                    () -> "no swap: " + resources.status("orders-db"));
            assertEquals("tck-drain-b", Jdbc.whoami(orders.db()));
            Await.until(() -> cut(forgotten), () -> "the connection held past drain-timeout still works");
            Await.until(() -> sessions(observer) == 0, () -> "A's pool still holds connections");
        }
    }

    private static boolean cut(Connection connection) {
        try {
            Jdbc.whoami(connection);
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    private static int sessions(Connection observer) {
        try {
            return Jdbc.otherSessions(observer);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
