package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.ResourceStatus;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.SwapRecorder;
import dev.attached.impl.testing.TestApp;

/**
 * The URL forms {@code java.net.URI} cannot split, each holding the canary password: deployed, probed, swapped to a
 * second URL of the same form that fails, and looked at everywhere a user or operator can look.
 */
class UrlSecretsTest {

    @Dependent
    public static class HandleUser {
        @Inject
        @AttachedResource("orders-db")
        ResourceHandle handle;
    }

    @Dependent
    public static class DataSourceUser {
        @Inject
        @AttachedResource("orders-db")
        DataSource db;

        @Inject
        @AttachedResource("orders-db")
        ResourceHandle handle;
    }

    @ParameterizedTest(name = "{0} as {2}")
    @CsvSource(delimiter = '|', value = {
            // url (PW is the canary) | its location | injected as
            "jdbc:postgresql://app:PW@orders_db:5432/orders | jdbc:postgresql://orders_db:5432/orders | datasource",
            "postgres://app:PW@orders_db/orders | postgres://orders_db/orders | datasource",
            "jdbc:mariadb://app:PW@db1.invalid,db2.invalid/orders | jdbc:mariadb://db1.invalid,db2.invalid/orders | datasource",
            "jdbc:mysql://app:PW@127.0.0.1:1,127.0.0.1:2/orders | jdbc:mysql://127.0.0.1:1,127.0.0.1:2/orders | handle",
            "jdbc:postgresql://app:x@PW@127.0.0.1:1/orders | jdbc:postgresql://127.0.0.1:1/orders | datasource",
            "jdbc:postgresql://app:x#PW@127.0.0.1:1/orders | jdbc:postgresql://127.0.0.1:1/orders | datasource",
            "jdbc:oracle:thin:scott/PW@//127.0.0.1:1/orders | jdbc:oracle:thin:@//127.0.0.1:1/orders | handle",
            "jdbc:sqlserver://127.0.0.1:1;databaseName=orders;user=sa;password=PW | jdbc:sqlserver://127.0.0.1:1 | handle",
    })
    void theCanaryStaysHiddenWhateverTheUrlForm(String form, String location, String injectedAs) throws Exception {
        String url = form.replace("PW", Canary.PASSWORD);
        Class<?> bean = injectedAs.equals("datasource") ? DataSourceUser.class : HandleUser.class;
        StringBuilder seen = new StringBuilder();
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with("attached.orders-db.url", url, "attached.orders-db.health.timeout", "1s")
                        .beans(bean, SwapRecorder.class).start()) {
            ResourceHandle handle = bean == DataSourceUser.class
                    ? app.select(DataSourceUser.class).handle
                    : app.select(HandleUser.class).handle;
            seen.append(handle).append(' ').append(handle.uri()).append(' ');
            seen.append(app.readiness()).append(' ');
            ResourceStatus status = app.resources().status("orders-db");
            assertEquals(location, status.location());
            assertEquals(location, app.check("orders-db").getJsonObject("data").getString("location"));
            seen.append(status).append(' ');

            // a swap to the same form elsewhere, which cannot answer: status, event, health, logs
            app.config().set("attached.orders-db.url", url.replace("orders", "other"));
            status = app.resources().refresh("orders-db");
            seen.append(status).append(status.lastError()).append(' ');
            SwapRecorder events = app.select(SwapRecorder.class);
            assertEquals(1, events.failed().size(), "the swap failed: " + status);
            seen.append(events.failed().get(0).error()).append(events.failed().get(0).location()).append(' ');
            seen.append(app.readiness()).append(' ').append(handle).append(' ').append(handle.uri());
            seen.append(log.text());

            assertTrue(log.text().contains("ATTACHED-100") && log.text().contains("ATTACHED-103"), log.text());
            assertFalse(seen.toString().contains(Canary.PASSWORD), seen.toString());
        }
    }
}
