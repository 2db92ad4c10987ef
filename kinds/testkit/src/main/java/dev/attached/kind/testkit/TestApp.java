package dev.attached.kind.testkit;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.registry.HealthRegistries;

import dev.attached.AttachedResources;

/**
 * An application in Weld SE with Attached's engine and a kind, SmallRye Config and SmallRye Health standing in for a
 * server. Every portable extension on the class path (Attached's and SmallRye Config's) is found through
 * {@code ServiceLoader} as a server finds them, and so is every kind. Its configuration is the
 * {@link TestConfigSource}, which the test changes while the application runs.
 * <p>
 * While it runs, every log record at every level is captured ({@link LogCapture}); {@link #close()}, and a start
 * that fails, fail if the canary password is among them: every test that starts an application is a secrets test
 * too.
 *
 * <pre>
 * try (TestApp app = TestApp.with("attached.cache.url", url).beans(Cache.class).start()) {
 *     app.select(Cache.class).commands().set("k", "v");
 *     TestConfigSource.set("attached.cache.url", other);
 *     assertEquals(2, app.resources().refresh("cache").generation());
 * }
 * </pre>
 */
public final class TestApp implements AutoCloseable {

    private final SmallRyeConfig config;
    private final WeldContainer container;
    private final LogCapture log;

    private TestApp(SmallRyeConfig config, WeldContainer container, LogCapture log) {
        this.config = config;
        this.container = container;
        this.log = log;
    }

    /** An application whose configuration is exactly key, value, key, value... */
    public static Builder with(String... keyValues) {
        return with(KeyValues.toMap(keyValues));
    }

    /** An application whose configuration is exactly {@code config}. */
    public static Builder with(Map<String, String> config) {
        return new Builder(config);
    }

    /** What an application is started with. */
    public static final class Builder {

        private final Map<String, String> config;
        private final List<Class<?>> beans = new ArrayList<>();
        private Supplier<LogCapture> log = LogCapture::new;

        private Builder(Map<String, String> config) {
            this.config = Map.copyOf(config);
        }

        /** The application's own bean classes: those that inject resources, observe events. */
        public Builder beans(Class<?>... classes) {
            return beans(List.of(classes));
        }

        public Builder beans(Collection<Class<?>> classes) {
            beans.addAll(classes);
            return this;
        }

        /** How its log is captured, if not with a plain {@link LogCapture}. */
        public Builder log(Supplier<LogCapture> capture) {
            log = capture;
            return this;
        }

        /**
         * Resets the {@link TestConfigSource} to this configuration and starts the application; a deployment
         * failure is thrown as Weld throws it.
         */
        public TestApp start() {
            TestConfigSource.reset(config);
            SmallRyeConfig smallRyeConfig = new SmallRyeConfigBuilder().addDiscoveredSources().build();
            ConfigProviderResolver.instance().registerConfig(smallRyeConfig,
                    Thread.currentThread().getContextClassLoader());
            LogCapture capture = log.get();
            try {
                Weld weld = new Weld(UUID.randomUUID().toString()).disableDiscovery();
                for (Extension extension : ServiceLoader.load(Extension.class)) {
                    // Weld SE registers its own; the rest are what a server would find
                    if (!extension.getClass().getName().startsWith("org.jboss.weld.")) {
                        weld.addExtension(extension);
                    }
                }
                weld.addBeanClasses(SmallRyeHealthReporter.class, HealthRegistries.class,
                        AsyncHealthCheckFactory.class);
                weld.addBeanClasses(beans.toArray(Class<?>[]::new));
                return new TestApp(smallRyeConfig, weld.initialize(), capture);
            } catch (RuntimeException e) {
                ConfigProviderResolver.instance().releaseConfig(smallRyeConfig);
                capture.close();
                Canary.assertAbsent("the log of a failed start", capture.text() + e);
                throw e;
            }
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

    /** The check {@code attached:<resource>} in the readiness endpoint's JSON. */
    public JsonObject check(String resource) {
        JsonObject readiness = readiness();
        return readiness.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("attached:" + resource))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check attached:" + resource + " in " + readiness));
    }

    /**
     * The readiness check {@code attached:<resource>} called as Open Liberty calls it: every {@code @Readiness}
     * {@link HealthCheck} bean looked up and called directly, without SmallRye Health's reporter.
     */
    public HealthCheckResponse readinessResponse(String resource) {
        BeanManager beanManager = container.getBeanManager();
        List<HealthCheckResponse> found = new ArrayList<>();
        for (Bean<?> bean : beanManager.getBeans(HealthCheck.class, Readiness.Literal.INSTANCE)) {
            HealthCheck check = (HealthCheck) beanManager.getReference(bean, HealthCheck.class,
                    beanManager.createCreationalContext(bean));
            HealthCheckResponse response = check.call();
            if (response.getName().equals("attached:" + resource)) {
                found.add(response);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one readiness check attached:" + resource + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Everything logged since the application started. */
    public LogCapture log() {
        return log;
    }

    /** Stops the application, and fails if the canary password showed up in any log line while it ran. */
    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
            log.close();
        }
        Canary.assertAbsent("the log", log.text());
    }
}
