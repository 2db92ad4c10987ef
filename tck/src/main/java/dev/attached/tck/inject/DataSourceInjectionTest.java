package dev.attached.tck.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Qualifier;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceState;
import dev.attached.tck.Deployments;
import dev.attached.tck.support.Jdbc;

/**
 * A DataSource is injected as a field, a constructor parameter, an {@code Instance} and a {@code Provider}, and
 * selected with {@code AttachedResource.Literal}; every one of them is the one resource of that name.
 */
@ExtendWith(ArquillianExtension.class)
public class DataSourceInjectionTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(DataSourceInjectionTest.class,
                "attached.orders-db.url=jdbc:h2:mem:tck-injection;DB_CLOSE_DELAY=-1\n", Orders.class, Audit.class);
    }

    @ApplicationScoped
    public static class Orders {
        @Inject
        @AttachedResource("orders-db")
        DataSource field;

        @Inject
        @AttachedResource("orders-db")
        Instance<DataSource> instance;

        @Inject
        @AttachedResource("orders-db")
        Provider<DataSource> provider;

        @Inject
        @Any
        Instance<DataSource> any;

        DataSource field() {
            return field;
        }

        Instance<DataSource> instance() {
            return instance;
        }

        Provider<DataSource> provider() {
            return provider;
        }

        DataSource selected() {
            return any.select(AttachedResource.Literal.of("orders-db")).get();
        }
    }

    @ApplicationScoped
    public static class Audit {
        private DataSource constructed;

        protected Audit() {
            // for the container's client proxy
        }

        @Inject
        public Audit(@AttachedResource("orders-db") DataSource constructed) {
            this.constructed = constructed;
        }

        DataSource constructed() {
            return constructed;
        }
    }

    @Inject
    Orders orders;

    @Inject
    Audit audit;

    @Inject
    AttachedResources resources;

    @Test
    public void everyInjectionPointReachesTheOneDatabase() throws Exception {
        Jdbc.execute(orders.field(), "CREATE TABLE injected (item VARCHAR(32))");
        Jdbc.execute(audit.constructed(), "INSERT INTO injected VALUES ('lamp')");
        assertEquals("lamp", Jdbc.query(orders.instance().get(), "SELECT item FROM injected"));
        assertEquals("lamp", Jdbc.query(orders.provider().get(), "SELECT item FROM injected"));
        assertEquals("lamp", Jdbc.query(orders.selected(), "SELECT item FROM injected"));
    }

    @Test
    public void oneNameIsOneResource() {
        assertEquals(Set.of("orders-db"), resources.names());
        assertEquals("datasource", resources.status("orders-db").kind());
        assertEquals(ResourceState.ATTACHED, resources.status("orders-db").state());
        assertEquals(1, resources.status("orders-db").generation());
    }

    @Test
    public void instanceGetGivesTheSameReferenceAndKeepsNothingPerCall() {
        // a fresh object per get() would be a dependent instance the Instance keeps until it is destroyed
        DataSource first = orders.instance().get();
        for (int i = 0; i < 10_000; i++) {
            assertSame(first, orders.instance().get());
            assertSame(first, orders.provider().get());
        }
    }

    @Test
    public void theQualifierBindsItsName() {
        assertTrue(AttachedResource.class.isAnnotationPresent(Qualifier.class));
        assertEquals(RetentionPolicy.RUNTIME, AttachedResource.class.getAnnotation(Retention.class).value());
        assertEquals("orders-db", AttachedResource.Literal.of("orders-db").value());
        assertEquals(AttachedResource.Literal.of("orders-db"), AttachedResource.Literal.of("orders-db"));
        assertTrue(!AttachedResource.Literal.of("orders-db").equals(AttachedResource.Literal.of("billing-db")));
    }
}
