package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.TestApp;

/** Configuration errors fail deployment with every problem listed, each naming its key; nothing else does. */
class DeploymentProblemsTest {

    @Dependent
    public static class OrdersAndBilling {
        @Inject
        @AttachedResource("orders-db")
        DataSource orders;

        @Inject
        @AttachedResource("billing-db")
        DataSource billing;
    }

    @Dependent
    public static class BadName {
        @Inject
        @AttachedResource("Orders_DB")
        DataSource orders;
    }

    @Dependent
    public static class TwoKinds {
        @Inject
        @AttachedResource("orders-db")
        DataSource orders;

        @Inject
        @AttachedResource("orders-db")
        UnknownClient client;
    }

    /** A type no kind supports. */
    public interface UnknownClient {
    }

    @Dependent
    public static class DataSourceAndHandle {
        @Inject
        @AttachedResource("orders-db")
        DataSource orders;

        @Inject
        @AttachedResource("orders-db")
        ResourceHandle handle;
    }

    static String failure(TestApp.Builder app) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> app.start().close());
        return e.getMessage();
    }

    @Test
    void missingUrlNamesTheKeyTheEnvironmentVariableAndTheWayOut() {
        String message = failure(TestApp.with().beans(OrdersAndBilling.class).config("attached.billing-db.url",
                "jdbc:h2:mem:billing"));
        assertTrue(message.contains("ATTACHED-010: attached.orders-db.url is missing: set it (or the environment "
                + "variable ATTACHED_ORDERS_DB_URL), or set attached.orders-db.optional=true to start detached"),
                message);
    }

    @Test
    void malformedUrlNeverRepeatsTheInput() {
        String message = failure(TestApp.with("attached.orders-db.url", "postgres://app:" + Canary.PASSWORD
                + "@db host/orders", "attached.billing-db.url", "jdbc:h2:mem:billing").beans(OrdersAndBilling.class));
        assertTrue(message.contains(
                "ATTACHED-011: attached.orders-db.url is not a valid URL (illegal character in the host at index 35)"),
                message);
        assertFalse(message.contains(Canary.PASSWORD), message);
    }

    @Test
    void schemeThatDoesNotFitTheInjectedType() {
        String message = failure(TestApp.with("attached.orders-db.url", "smtp://mail.example.com:587",
                "attached.billing-db.url", "jdbc:h2:mem:billing").beans(OrdersAndBilling.class));
        assertTrue(message.contains("ATTACHED-012: attached.orders-db.url: scheme 'smtp' does not fit a DataSource "
                + "(use jdbc:..., postgres://, postgresql://, mysql:// or mariadb://) (kind datasource)"), message);
    }

    @Test
    void jdbcUrlWithoutADriver() {
        String message = failure(TestApp.with("attached.orders-db.url", "jdbc:oracle:thin:@db:1521/orders",
                "attached.billing-db.url", "jdbc:h2:mem:billing").beans(OrdersAndBilling.class));
        assertTrue(message.contains("ATTACHED-012: attached.orders-db.url: no JDBC driver on the class path accepts "
                + "jdbc:oracle URLs; add the driver to the application, or name its class in driver"), message);
    }

    @Test
    void invalidValuesNameTheirKeys() {
        String message = failure(TestApp.with("attached.orders-db.url", "jdbc:h2:mem:x",
                "attached.orders-db.health.timeout", "soon", "attached.orders-db.pool.max-size", "many",
                "attached.billing-db.url", "jdbc:h2:mem:billing", "attached.billing-db.optional", "maybe")
                .beans(OrdersAndBilling.class));
        assertTrue(message.contains("ATTACHED-013: attached.orders-db.health.timeout 'soon' is not a duration "
                + "(write it as 500ms, 2s, 1m, 1h or PT2S)"), message);
        assertTrue(message.contains("ATTACHED-012: attached.orders-db.pool.max-size: 'many' is not a whole number "
                + "of 0 or more (kind datasource)"), message);
        assertTrue(message.contains("ATTACHED-013: attached.billing-db.optional 'maybe' is not true or false"),
                message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String message = failure(TestApp.with("attached.orders-db.url", "smtp://mail.example.com")
                .beans(OrdersAndBilling.class));
        assertTrue(message.contains("ATTACHED-012: attached.orders-db.url"), message);
        assertTrue(message.contains("ATTACHED-010: attached.billing-db.url is missing"), message);
    }

    @Test
    void invalidNameIsADefinitionErrorQuotingNameAndInjectionPoint() {
        String message = failure(TestApp.with().beans(BadName.class));
        assertTrue(message.contains("ATTACHED-001: @AttachedResource(\"Orders_DB\") at "
                + BadName.class.getName() + ".orders has an invalid name: a name must match "
                + "[a-z0-9]([a-z0-9-]*[a-z0-9])?"), message);
    }

    @Test
    void typeWithoutAKindIsADefinitionError() {
        String message = failure(TestApp.with("attached.orders-db.url", "jdbc:h2:mem:x").beans(TwoKinds.class));
        assertTrue(message.contains("ATTACHED-003: @AttachedResource(\"orders-db\") at " + TwoKinds.class.getName()
                + ".client has type " + UnknownClient.class.getName() + ", which no resource kind supports; "
                + "supported types: dev.attached.ResourceHandle, " + TestQueueKind.Queue.class.getName()
                + ", jakarta.mail.Session, javax.sql.DataSource"), message);
    }

    @Test
    void oneNameAsTwoKindsIsADefinitionError() {
        // Two kinds need two types that kinds support: DataSource and a kind registered by the test.
        String message = failure(TestApp.with("attached.orders-db.url", "jdbc:h2:mem:x")
                .beans(TwoKindsOfSupportedTypes.class));
        assertTrue(message.contains("ATTACHED-002: resource 'orders-db' is injected as two kinds: datasource at "
                + TwoKindsOfSupportedTypes.class.getName() + ".orders and test-queue at "
                + TwoKindsOfSupportedTypes.class.getName() + ".queue; give each its own name"), message);
    }

    @Dependent
    public static class TwoKindsOfSupportedTypes {
        @Inject
        @AttachedResource("orders-db")
        DataSource orders;

        @Inject
        @AttachedResource("orders-db")
        TestQueueKind.Queue queue;
    }

    @Test
    void handleViewOfAnotherKindIsAllowed() {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:x").beans(DataSourceAndHandle.class)
                .start()) {
            assertEquals("jdbc:h2:mem:x", app.select(DataSourceAndHandle.class).handle.uri().toString());
        }
    }

    @Test
    void aFailedDeploymentLogsNoSecret() {
        try (LogCapture log = new LogCapture()) {
            failure(TestApp.with("attached.orders-db.url", "ftp://u:" + Canary.PASSWORD + "@h/x",
                    "attached.billing-db.password", Canary.PASSWORD).beans(OrdersAndBilling.class));
            assertFalse(log.contains(Canary.PASSWORD), log.text());
        }
    }
}
