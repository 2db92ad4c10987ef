package dev.attached.kind.memcached.testing;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.spi.Extension;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Assumptions;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.registry.HealthRegistries;

import dev.attached.AttachedResources;

/**
 * An application in Weld SE with Attached's engine (attached-impl), SmallRye Config and SmallRye Health standing in
 * for a server; its configuration is {@link TestConfigSource}. While it runs, every log record is captured, and
 * {@link #close()} fails if the canary password is among them.
 */
public final class TestApp implements AutoCloseable {

    static final String ENGINE = "dev.attached.impl.AttachedExtension";

    private final SmallRyeConfig config;
    private final WeldContainer container;
    private final LogCapture log;

    private TestApp(SmallRyeConfig config, WeldContainer container, LogCapture log) {
        this.config = config;
        this.container = container;
        this.log = log;
    }

    /** Skips the calling test unless Attached's engine is on the test class path. */
    public static Extension engine() {
        try {
            return (Extension) Class.forName(ENGINE).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            Assumptions.abort("Attached's engine (dev.attached:attached-impl) is not on the test class path");
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts an application with these bean classes; a deployment failure is thrown as Weld throws it. */
    public static TestApp start(String logName, Class<?>... beans) {
        Extension engine = engine();
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDiscoveredSources().build();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        LogCapture log = new LogCapture(logName);
        try {
            Weld weld = new Weld(UUID.randomUUID().toString())
                    .disableDiscovery()
                    .addExtension(engine)
                    .addExtension(new ConfigExtension())
                    .addBeanClasses(SmallRyeHealthReporter.class, HealthRegistries.class,
                            AsyncHealthCheckFactory.class)
                    .addBeanClasses(beans);
            return new TestApp(config, weld.initialize(), log);
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            log.close();
            Canary.assertAbsent(log.text() + e);
            throw e;
        }
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

    /** The readiness check of one resource. */
    public JsonObject check(String resource) {
        JsonObject readiness = readiness();
        List<JsonObject> checks = readiness.getJsonArray("checks").getValuesAs(JsonObject.class);
        return checks.stream().filter(c -> c.getString("name").equals("attached:" + resource)).findFirst()
                .orElseThrow(() -> new AssertionError("no check attached:" + resource + " in " + readiness));
    }

    public String logText() {
        return log.text();
    }

    /** Stops the application; fails if the canary password reached any log line while it ran. */
    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
            log.close();
        }
        Canary.assertAbsent(log.text());
    }
}
