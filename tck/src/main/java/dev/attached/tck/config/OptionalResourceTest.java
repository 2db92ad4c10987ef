package dev.attached.tck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.attached.ResourceState;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.Jdbc;

/**
 * {@code optional=true}: a resource without a url starts DETACHED instead of failing deployment; calls fail fast
 * with the type's own error, naming the key to set; setting the url attaches it.
 */
@ExtendWith(ArquillianExtension.class)
public class OptionalResourceTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(OptionalResourceTest.class, "attached.audit-db.optional=true\n", Audit.class);
    }

    @ApplicationScoped
    public static class Audit {
        @Inject
        @AttachedResource("audit-db")
        DataSource db;

        DataSource db() {
            return db;
        }
    }

    @Inject
    Audit audit;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void startsDetachedAndAttachesWhenTheUrlIsSet() throws Exception {
        assertEquals(ResourceState.DETACHED, resources.status("audit-db").state());
        SQLException detached = assertThrows(SQLException.class, () -> audit.db().getConnection());
        assertTrue(detached.getMessage().contains("audit-db"), detached.getMessage());
        assertTrue(detached.getMessage().contains("attached.audit-db.url"), detached.getMessage());

        String url = Jdbc.database("tck-optional");
        TckConfigSource.set("attached.audit-db.url", url);
        Await.until(() -> resources.status("audit-db").state() == ResourceState.ATTACHED,
                () -> "audit-db never attached: " + resources.status("audit-db"));
        assertEquals("tck-optional", Jdbc.whoami(audit.db()));
    }
}
