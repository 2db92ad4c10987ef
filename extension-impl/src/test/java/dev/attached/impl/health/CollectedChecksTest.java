package dev.attached.impl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfigBuilder;

import dev.attached.impl.AttachedExtension;
import dev.attached.impl.testing.MutableConfigSource;
import dev.attached.impl.testing.Orders;

/**
 * A server may collect the readiness checks while the deployment is validated, as WildFly's health subsystem does in
 * its own {@code AfterDeploymentValidation} observer, and keep them until the application shuts down, which a
 * deployment that fails validation never does. Such a server gets the checks of an application that started, and none
 * of one whose configuration failed it (else a DOWN check of an application that does not exist would keep the server
 * from being ready).
 */
class CollectedChecksTest {

    /** Collects the readiness checks the way WildFly's health subsystem does. */
    public static class CollectingExtension implements Extension {
        final List<HealthCheck> collected = new CopyOnWriteArrayList<>();

        void collect(@Observes AfterDeploymentValidation adv, BeanManager beanManager) {
            beanManager.createInstance().select(HealthCheck.class, Readiness.Literal.INSTANCE)
                    .forEach(collected::add);
        }
    }

    @Test
    void aServerCollectingChecksAtValidationGetsThoseOfAnApplicationThatStarted() {
        CollectingExtension server = new CollectingExtension();
        try (Deployed app = deploy(server, Map.of("attached.orders-db.url", "jdbc:h2:mem:collected-checks"))) {
            assertEquals(1, server.collected.size(), server.collected.toString());
            assertEquals("attached:orders-db", server.collected.get(0).call().getName());
        }
    }

    /** Servers look the checks up from archives that see the application's classes, but maybe not this jar. */
    @Test
    void theChecksAreFiledWithTheApplicationClassThatInjectsTheResource() {
        try (Deployed app = deploy(new CollectingExtension(),
                Map.of("attached.orders-db.url", "jdbc:h2:mem:filed-checks"))) {
            BeanManager beanManager = app.container().getBeanManager();
            Set<Bean<?>> checks = beanManager.getBeans(HealthCheck.class, Readiness.Literal.INSTANCE);
            assertEquals(1, checks.size(), checks.toString());
            assertSame(Orders.class, checks.iterator().next().getBeanClass());
        }
    }

    @Test
    void aServerCollectingChecksAtValidationGetsNoneOfAnApplicationThatFailed() {
        CollectingExtension server = new CollectingExtension();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> deploy(server, Map.of()).close());
        assertTrue(failure.toString().contains("attached.orders-db.url"), failure.toString());
        assertEquals(List.of(), server.collected, "checks kept of an application that never started");
    }

    private record Deployed(WeldContainer container, Config config) implements AutoCloseable {
        @Override
        public void close() {
            try {
                container.shutdown();
            } finally {
                ConfigProviderResolver.instance().releaseConfig(config);
            }
        }
    }

    private static Deployed deploy(CollectingExtension server, Map<String, String> values) {
        Config config = new SmallRyeConfigBuilder().withSources(new MutableConfigSource(values)).build();
        ConfigProviderResolver.instance().registerConfig(config, Thread.currentThread().getContextClassLoader());
        try {
            WeldContainer container = new Weld(UUID.randomUUID().toString()).disableDiscovery()
                    .addExtension(new AttachedExtension())
                    .addExtension(server)
                    .addBeanClasses(Orders.class)
                    .initialize();
            return new Deployed(container, config);
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }
}
