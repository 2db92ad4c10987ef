package dev.attached.impl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/**
 * The readiness checks are beans no container has to proxy: OpenWebBeans builds a normal-scoped bean's client proxy
 * by subclassing its bean class, and the check's class is final, so with {@code @ApplicationScoped} every lookup of
 * the checks failed there ({@code ProxyGenerationException: ResourceReadinessCheck.<init>()}).
 */
class ReadinessBeansTest {

    @Test
    void checksAreLookedUpWithoutAClientProxyAndOncePerResource() {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:readiness-beans").beans(Orders.class)
                .start()) {
            BeanManager beanManager = app.select(BeanManager.class);
            Set<Bean<?>> beans = beanManager.getBeans(HealthCheck.class, Readiness.Literal.INSTANCE);
            assertEquals(1, beans.size(), beans.toString());
            Bean<?> bean = beans.iterator().next();
            assertFalse(beanManager.isNormalScope(bean.getScope()), bean.getScope().getName());
            Object first = beanManager.getReference(bean, HealthCheck.class, beanManager.createCreationalContext(bean));
            Object second = beanManager.getReference(bean, HealthCheck.class,
                    beanManager.createCreationalContext(bean));
            assertSame(ResourceReadinessCheck.class, first.getClass());
            assertSame(first, second, "one check per resource, not one per lookup");
        }
    }
}
