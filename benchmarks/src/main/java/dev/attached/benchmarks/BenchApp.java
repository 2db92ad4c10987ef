package dev.attached.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.registry.HealthRegistries;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.impl.AttachedExtension;

/**
 * An application as a server would run it: Weld SE with the Attached extension, SmallRye Config holding a
 * configuration that changes at run time, SmallRye Health serving readiness.
 */
final class BenchApp implements AutoCloseable {

    /** Held, so the levels set here are not collected with their loggers. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private final MutableSource source;
    private final SmallRyeConfig config;
    private final WeldContainer container;

    private BenchApp(MutableSource source, SmallRyeConfig config, WeldContainer container) {
        this.source = source;
        this.config = config;
        this.container = container;
    }

    /** Boots the application with the configuration and the beans that inject the resources. */
    static BenchApp start(Map<String, String> configuration, Class<?>... beans) {
        return start(true, configuration, beans);
    }

    static BenchApp start(boolean withAttached, Map<String, String> configuration, Class<?>... beans) {
        MutableSource source = new MutableSource(configuration);
        return start(withAttached, source, new SmallRyeConfigBuilder().addDefaultSources().withSources(source), beans);
    }

    /**
     * Boots with the sources MicroProfile Config discovers as well, as a deployment's Config has them: Attached's
     * directory source among them, switched on by {@code attached.config.dir}.
     */
    static BenchApp startWithDiscoveredSources(Class<?>... beans) {
        MutableSource source = new MutableSource(Map.of());
        return start(true, source, new SmallRyeConfigBuilder().addDefaultSources().addDiscoveredSources()
                .withSources(source), beans);
    }

    private static BenchApp start(boolean withAttached, MutableSource source, SmallRyeConfigBuilder builder,
            Class<?>... beans) {
        quietLogs();
        SmallRyeConfig config = builder.build();
        ConfigProviderResolver.instance().registerConfig(config, Thread.currentThread().getContextClassLoader());
        Weld weld = new Weld(UUID.randomUUID().toString())
                .disableDiscovery()
                .addExtension(new ConfigExtension())
                .addBeanClasses(SmallRyeHealthReporter.class, HealthRegistries.class, AsyncHealthCheckFactory.class)
                .addBeanClasses(beans);
        if (withAttached) {
            weld.addExtension(new AttachedExtension());
        }
        try {
            return new BenchApp(source, config, weld.initialize());
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }

    /** Every swap is logged at INFO; a thousand of them would drown the run's own output. */
    static void quietLogs() {
        for (String name : List.of("dev.attached", "org.jboss.weld", "io.smallrye", "io.agroal")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIET.add(logger);
        }
    }

    MutableSource config() {
        return source;
    }

    <T> T select(Class<T> type) {
        return container.select(type).get();
    }

    /** The injected DataSource of a resource, as {@code @Inject @AttachedResource(name) DataSource} gives it. */
    DataSource dataSource(String name) {
        return container.select(DataSource.class, AttachedResource.Literal.of(name)).get();
    }

    AttachedResources resources() {
        return select(AttachedResources.class);
    }

    /** The readiness endpoint, as SmallRye Health serves it. */
    SmallRyeHealth readiness() {
        return select(SmallRyeHealthReporter.class).getReadiness();
    }

    /** Readiness as Open Liberty computes it: looks the checks up and calls them one after another. */
    List<HealthCheckResponse> readinessOneByOne() {
        BeanManager beanManager = container.getBeanManager();
        List<HealthCheckResponse> responses = new ArrayList<>();
        for (Bean<?> bean : beanManager.getBeans(HealthCheck.class, Readiness.Literal.INSTANCE)) {
            HealthCheck check = (HealthCheck) beanManager.getReference(bean, HealthCheck.class,
                    beanManager.createCreationalContext(bean));
            responses.add(check.call());
        }
        return responses;
    }

    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
