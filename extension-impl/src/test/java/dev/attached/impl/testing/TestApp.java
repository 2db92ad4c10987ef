package dev.attached.impl.testing;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.registry.HealthRegistries;

import dev.attached.AttachedResources;
import dev.attached.impl.AttachedExtension;

/**
 * An application in Weld SE, with SmallRye Config and SmallRye Health standing in for a server. Its configuration is
 * a {@link MutableConfigSource} the test can change while the application runs.
 */
public final class TestApp implements AutoCloseable {

    private final MutableConfigSource source;
    private final Config config;
    private final WeldContainer container;
    private final LogCapture log;

    private TestApp(MutableConfigSource source, Config config, WeldContainer container, LogCapture log) {
        this.source = source;
        this.config = config;
        this.container = container;
        this.log = log;
    }

    public static Builder with(String... keyValues) {
        return new Builder().config(keyValues);
    }

    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final List<Class<?>> beans = new ArrayList<>();
        private final List<ConfigSource> sources = new ArrayList<>();
        private UnaryOperator<Config> wrapper = UnaryOperator.identity();

        public Builder config(String... keyValues) {
            for (int i = 0; i < keyValues.length; i += 2) {
                values.put(keyValues[i], keyValues[i + 1]);
            }
            return this;
        }

        /** Adds a config source besides the mutable one (ordinal 500). */
        public Builder source(ConfigSource source) {
            sources.add(source);
            return this;
        }

        /** Gives the application a Config that wraps the real one, as a server's Config may (one that caches). */
        public Builder wrapConfig(UnaryOperator<Config> wrapper) {
            this.wrapper = wrapper;
            return this;
        }

        public Builder beans(Class<?>... classes) {
            beans.addAll(List.of(classes));
            return this;
        }

        /** Starts the application; a deployment failure is thrown as the container throws it. */
        public TestApp start() {
            MutableConfigSource source = new MutableConfigSource(values);
            // profiles and ${...} expressions, as every server's MicroProfile Config has them
            SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withSources(source)
                    .withSources(sources.toArray(ConfigSource[]::new)).build();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Config registered = wrapper.apply(config);
            ConfigProviderResolver.instance().registerConfig(registered, loader);
            LogCapture log = new LogCapture();
            try {
                Weld weld = new Weld(UUID.randomUUID().toString())
                        .disableDiscovery()
                        .addExtension(new AttachedExtension())
                        .addExtension(new ConfigExtension())
                        .addBeanClasses(SmallRyeHealthReporter.class, HealthRegistries.class,
                                AsyncHealthCheckFactory.class)
                        .addBeanClasses(beans.toArray(Class<?>[]::new));
                return new TestApp(source, registered, weld.initialize(), log);
            } catch (RuntimeException e) {
                ConfigProviderResolver.instance().releaseConfig(registered);
                log.close();
                assertNoCanary(log.text() + e);
                throw e;
            }
        }
    }

    public MutableConfigSource config() {
        return source;
    }

    public <T> T select(Class<T> type, Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    public AttachedResources resources() {
        return select(AttachedResources.class);
    }

    /** The readiness endpoint's JSON, as SmallRye Health serves it. */
    public JsonObject readiness() {
        return select(SmallRyeHealthReporter.class).getReadiness().getPayload();
    }

    public JsonObject liveness() {
        return select(SmallRyeHealthReporter.class).getLiveness().getPayload();
    }

    /** Readiness as Open Liberty computes it: looks the checks up and calls them one after another. */
    public List<HealthCheckResponse> readinessOneByOne() {
        BeanManager beanManager = container.getBeanManager();
        List<HealthCheckResponse> responses = new ArrayList<>();
        for (Bean<?> bean : beanManager.getBeans(HealthCheck.class, Readiness.Literal.INSTANCE)) {
            HealthCheck check = (HealthCheck) beanManager.getReference(bean, HealthCheck.class,
                    beanManager.createCreationalContext(bean));
            responses.add(check.call());
        }
        return responses;
    }

    /** The readiness check of one resource in the JSON. */
    public JsonObject check(String resourceName) {
        return readiness().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("attached:" + resourceName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check attached:" + resourceName + " in " + readiness()));
    }

    /**
     * Stops the application, and fails if the canary password showed up in any log line, at any level (drivers'
     * debug logging included) while it ran: every test is a secrets test too.
     */
    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
            log.close();
        }
        assertNoCanary(log.text());
    }

    private static void assertNoCanary(String text) {
        if (text.contains(Canary.PASSWORD)) {
            throw new AssertionError("the canary password was logged:\n" + text);
        }
    }
}
