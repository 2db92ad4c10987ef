package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

class InjectionTest {

    static final String H2 = "jdbc:h2:mem:injection;DB_CLOSE_DELAY=-1";

    /** Every form of injection point CDI has, all naming one resource. */
    @Dependent
    public static class EveryInjectionPoint {
        final DataSource viaConstructor;
        DataSource viaInitializer;

        @Inject
        @AttachedResource("orders-db")
        DataSource viaField;

        @Inject
        @AttachedResource("orders-db")
        Instance<DataSource> viaInstance;

        @Inject
        @AttachedResource("orders-db")
        Provider<DataSource> viaProvider;

        @Inject
        public EveryInjectionPoint(@AttachedResource("orders-db") DataSource viaConstructor) {
            this.viaConstructor = viaConstructor;
        }

        @Inject
        void init(@AttachedResource("orders-db") DataSource viaInitializer) {
            this.viaInitializer = viaInitializer;
        }
    }

    /** A producer parameter and an observer parameter are injection points too. */
    @ApplicationScoped
    public static class ProducerAndObserver {
        static volatile DataSource observed;

        @Produces
        @Dependent
        String databaseProduct(@AttachedResource("reports-db") DataSource reports) throws SQLException {
            try (Connection c = reports.getConnection()) {
                return c.getMetaData().getDatabaseProductName();
            }
        }

        void onPing(@Observes Ping ping, @AttachedResource("audit-db") DataSource audit) {
            observed = audit;
        }
    }

    public record Ping() {
    }

    @Dependent
    public static class GeoClient {
        @Inject
        @AttachedResource("geo-api")
        ResourceHandle geo;
    }

    @Test
    void everyInjectionPointReachesTheConfiguredDatabase() throws SQLException {
        try (TestApp app = TestApp.with("attached.orders-db.url", H2, "attached.orders-db.username", "sa",
                "attached.orders-db.password", Canary.PASSWORD).beans(EveryInjectionPoint.class).start()) {
            EveryInjectionPoint bean = app.select(EveryInjectionPoint.class);
            for (DataSource ds : new DataSource[]{bean.viaField, bean.viaConstructor, bean.viaInitializer,
                    bean.viaInstance.get(), bean.viaProvider.get()}) {
                try (Connection c = ds.getConnection()) {
                    assertEquals("H2", c.getMetaData().getDatabaseProductName());
                }
            }
            assertEquals(Set.of("orders-db"), app.resources().names());
        }
    }

    @Test
    void producerAndObserverParametersAreResourcesToo() {
        try (TestApp app = TestApp.with("attached.reports-db.url", "jdbc:h2:mem:reports",
                "attached.audit-db.url", "jdbc:h2:mem:audit").beans(ProducerAndObserver.class).start()) {
            assertEquals("H2", app.select(String.class));
            app.select(jakarta.enterprise.inject.spi.BeanManager.class).getEvent().select(Ping.class)
                    .fire(new Ping());
            assertTrue(ProducerAndObserver.observed != null);
            assertEquals(Set.of("reports-db", "audit-db"), app.resources().names());
        }
    }

    @Test
    void sameApplicationCodeRunsOnH2() throws SQLException {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:orders-h2").beans(Orders.class)
                .start()) {
            Orders orders = app.select(Orders.class);
            orders.createTable();
            orders.place("1", "book");
            assertEquals(1, orders.count());
            assertEquals("H2", orders.product());
        }
    }

    @Test
    void handleGivesLocatorCredentialsAndFurtherKeys() {
        try (TestApp app = TestApp.with("attached.geo-api.url", "https://api%2Buser:" + Canary.PASSWORD
                + "@geo.example.com/v2?lang=en", "attached.geo-api.api-version", "7").beans(GeoClient.class)
                .start()) {
            ResourceHandle geo = app.select(GeoClient.class).geo;
            assertEquals("geo-api", geo.name());
            assertEquals(URI.create("https://geo.example.com/v2?lang=en"), geo.uri());
            assertEquals(Optional.of("api+user"), geo.username());
            assertEquals(Optional.of(Canary.PASSWORD), geo.password());
            assertEquals(Optional.of("7"), geo.property("api-version"));
            assertEquals(Optional.empty(), geo.property("missing"));
            assertFalse(geo.toString().contains(Canary.PASSWORD), geo.toString());
            assertEquals("ResourceHandle[geo-api at https://geo.example.com/v2, user api+user, password ****]",
                    geo.toString());
        }
    }

    @Test
    void userinfoOfTheUrlWinsOverCredentialKeysFieldByField() {
        try (TestApp app = TestApp.with("attached.geo-api.url", "https://from-url@geo.example.com",
                "attached.geo-api.username", "stale-default", "attached.geo-api.password", Canary.PASSWORD)
                .beans(GeoClient.class).start()) {
            ResourceHandle geo = app.select(GeoClient.class).geo;
            assertEquals(Optional.of("from-url"), geo.username());
            assertEquals(Optional.of(Canary.PASSWORD), geo.password());
        }
    }

    @Test
    void statusDescribesEachResource() {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:status").beans(Orders.class)
                .start()) {
            AttachedResources resources = app.resources();
            ResourceStatus status = resources.status("orders-db");
            assertEquals("orders-db", status.name());
            assertEquals("datasource", status.kind());
            assertEquals(ResourceState.ATTACHED, status.state());
            assertEquals(1, status.generation());
            assertEquals("jdbc:h2:mem:status", status.location());
            assertEquals(Optional.empty(), status.lastError());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> resources.status("nope"));
            assertEquals("ATTACHED-107: no injection point names resource 'nope'", unknown.getMessage());
        }
    }

    @Test
    void optionalResourceWithoutUrlStartsDetachedFailsFastAndStaysReady() {
        try (TestApp app = TestApp.with("attached.orders-db.optional", "true").beans(Orders.class).start()) {
            assertEquals(ResourceState.DETACHED, app.resources().status("orders-db").state());
            SQLException e = assertThrows(SQLException.class, () -> app.select(Orders.class).count());
            assertEquals("ATTACHED-106: resource 'orders-db' is detached: set attached.orders-db.url to attach it",
                    e.getMessage());
            // the application declared it can serve without it: ready, and the data says why
            JsonObject check = app.check("orders-db");
            assertEquals("UP", check.getString("status"));
            assertEquals("DETACHED", check.getJsonObject("data").getString("state"));
            assertTrue(check.getJsonObject("data").getBoolean("optional"));
        }
    }

    @Test
    void theInjectedReferenceIsAProxyThatStaysTheSame() {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:proxy").beans(Orders.class)
                .start()) {
            DataSource first = app.select(Orders.class).dataSource();
            assertSame(first, app.select(Orders.class).dataSource());
        }
    }
}
