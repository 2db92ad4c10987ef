package dev.attached.impl;

import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.attached.impl.health.HealthBeans;
import dev.attached.impl.inject.AttachedScoped;
import dev.attached.impl.inject.InjectionPoints;
import dev.attached.impl.inject.InjectionPoints.Resolution;
import dev.attached.impl.inject.ResourceBeans;
import dev.attached.impl.kind.JdbcDrivers;
import dev.attached.impl.kind.Kinds;
import dev.attached.impl.metrics.MetricsBeans;
import dev.attached.impl.runtime.CdiResourceEvents;
import dev.attached.impl.runtime.ResourceRegistry;

/**
 * The portable extension: collects {@code @AttachedResource} injection points, adds a bean per (name, type) and a
 * readiness check per name, and attaches every resource once the deployment is valid. Problems are reported through
 * the container, all of them at once, never thrown.
 */
public class AttachedExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(AttachedExtension.class.getName());

    private final InjectionPoints injectionPoints = new InjectionPoints();
    private ResourceRegistry registry;
    private HealthBeans healthBeans; // null without MicroProfile Health
    private Class<?> resourceUser; // a bean class injecting a resource: the readiness checks are filed with it
    private ClassLoader applicationLoader;

    protected void addScope(@Observes BeforeBeanDiscovery bbd) {
        bbd.addScope(AttachedScoped.class, false, false);
    }

    protected void addMetrics(@Observes BeforeBeanDiscovery bbd) {
        MetricsBeans.register(bbd); // only where the OpenTelemetry API is on the class path
    }

    protected void collectInjectionPoints(@Observes ProcessInjectionPoint<?, ?> pip) {
        injectionPoints.add(pip.getInjectionPoint());
        if (resourceUser == null) {
            resourceUser = HealthBeans.resourceUser(pip.getInjectionPoint());
        }
    }

    protected void registerBeans(@Observes AfterBeanDiscovery abd) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        applicationLoader = loader;
        Resolution resolution = injectionPoints.resolve(Kinds.load(loader));
        resolution.errors().forEach(error -> abd.addDefinitionError(new DefinitionException(error)));
        registry = new ResourceRegistry(resolution.kinds());
        new ResourceBeans(registry).register(abd, resolution.types());
        if (HealthBeans.available(loader)) {
            healthBeans = HealthBeans.register(abd, resolution.kinds().keySet(), registry, resourceUser);
        } else {
            LOG.info(Messages.noHealth());
        }
    }

    /** Before other extensions validate: a health subsystem collecting checks there must know if this failed. */
    protected void attachResources(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) AfterDeploymentValidation adv,
            BeanManager beanManager) {
        List<String> problems = registry.start(ConfigProvider.getConfig(), new CdiResourceEvents(beanManager));
        if (!problems.isEmpty() && healthBeans != null) {
            healthBeans.startFailed();
        }
        problems.forEach(problem -> adv.addDeploymentProblem(new DeploymentException(problem)));
    }

    protected void detachResources(@Observes BeforeShutdown shutdown) {
        if (registry != null) {
            registry.close();
        }
        JdbcDrivers.deregisterLoadedBy(applicationLoader); // else DriverManager keeps the application reachable
    }
}
