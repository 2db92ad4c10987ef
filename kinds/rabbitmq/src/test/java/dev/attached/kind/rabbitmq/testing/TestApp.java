package dev.attached.kind.rabbitmq.testing;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;

import jakarta.enterprise.inject.spi.Extension;
import jakarta.json.JsonObject;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.registry.HealthRegistries;

import dev.attached.AttachedResources;

/**
 * An application in Weld SE, with SmallRye Config and SmallRye Health standing in for a server, and every portable
 * extension on the class path (Attached's among them) found as a server finds them. Its configuration is the
 * {@link TestConfigSource}.
 */
public final class TestApp implements AutoCloseable {

    private final WeldContainer container;
    private final LogCapture log;

    private TestApp(WeldContainer container, LogCapture log) {
        this.container = container;
        this.log = log;
    }

    /** Starts an application with these beans and the configuration key, value, key, value... */
    public static TestApp start(List<Class<?>> beans, String... config) {
        TestConfigSource.reset(config);
        LogCapture log = new LogCapture();
        try {
            Weld weld = new Weld(UUID.randomUUID().toString()).disableDiscovery();
            for (Extension extension : ServiceLoader.load(Extension.class)) {
                if (!extension.getClass().getName().startsWith("org.jboss.weld.")) {
                    weld.addExtension(extension);
                }
            }
            List<Class<?>> classes = new ArrayList<>(beans);
            classes.addAll(List.of(SmallRyeHealthReporter.class, HealthRegistries.class,
                    AsyncHealthCheckFactory.class));
            weld.addBeanClasses(classes.toArray(Class<?>[]::new));
            return new TestApp(weld.initialize(), log);
        } catch (RuntimeException e) {
            log.close();
            assertNoCanary(log.text() + e);
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
    public JsonObject check(String resourceName) {
        return readiness().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("attached:" + resourceName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check attached:" + resourceName + " in " + readiness()));
    }

    public LogCapture log() {
        return log;
    }

    /** Stops the application, and fails if the canary password showed up in any log line while it ran. */
    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            log.close();
        }
        assertNoCanary(log.text());
    }

    public static void assertNoCanary(String text) {
        if (text.contains(Canary.PASSWORD)) {
            throw new AssertionError("the canary password showed up:\n" + text);
        }
    }
}
