package dev.attached.kind.redis.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.registry.HealthRegistries;

import dev.attached.AttachedResources;
import dev.attached.ResourceStatus;

/**
 * An application in Weld SE with SmallRye Config and SmallRye Health standing in for a server. Attached's extension
 * and SmallRye Config's are found through {@code META-INF/services}, as a server finds them; the configuration is
 * {@link TestConfigSource}. Every log record at every level is captured while it runs, and closing it fails if the
 * canary password is in any of them.
 */
public final class RedisApp implements AutoCloseable {

    private final WeldContainer container;
    private final LogCapture log;

    private RedisApp(WeldContainer container, LogCapture log) {
        this.container = container;
        this.log = log;
    }

    /** Starts with exactly this configuration. */
    public static RedisApp start(Map<String, String> config) {
        TestConfigSource.reset(config);
        LogCapture log = new LogCapture();
        try {
            Weld weld = new Weld(UUID.randomUUID().toString())
                    .disableDiscovery()
                    .addBeanClasses(Cache.class, SmallRyeHealthReporter.class, HealthRegistries.class,
                            AsyncHealthCheckFactory.class);
            // Weld SE looks extensions up only while discovery is on: add them as a server finds them
            ServiceLoader.load(Extension.class).forEach(weld::addExtension);
            return new RedisApp(weld.initialize(), log);
        } catch (RuntimeException e) {
            log.close();
            Canary.assertAbsent("the log of a failed start", log.text() + e);
            throw e;
        }
    }

    public Cache cache() {
        return container.select(Cache.class).get();
    }

    public AttachedResources resources() {
        return container.select(AttachedResources.class).get();
    }

    public ResourceStatus refresh() {
        return resources().refresh("cache");
    }

    public ResourceStatus status() {
        return resources().status("cache");
    }

    /** The readiness check named {@code attached:cache}, called as Open Liberty calls it. */
    public HealthCheckResponse readiness() {
        BeanManager beanManager = container.getBeanManager();
        List<HealthCheckResponse> found = new ArrayList<>();
        for (Bean<?> bean : beanManager.getBeans(HealthCheck.class, Readiness.Literal.INSTANCE)) {
            HealthCheck check = (HealthCheck) beanManager.getReference(bean, HealthCheck.class,
                    beanManager.createCreationalContext(bean));
            HealthCheckResponse response = check.call();
            if (response.getName().equals("attached:cache")) {
                found.add(response);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one readiness check attached:cache, found " + found.size());
        }
        return found.get(0);
    }

    /** The readiness endpoint's JSON, as SmallRye Health serves it. */
    public JsonObject readinessJson() {
        return container.select(SmallRyeHealthReporter.class).get().getReadiness().getPayload();
    }

    public String logText() {
        return log.text();
    }

    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            log.close();
        }
        Canary.assertAbsent("the log", log.text());
    }
}
