package dev.attached.impl.health;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.PassivationCapable;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import dev.attached.impl.runtime.ResourceRegistry;

/**
 * The {@code @Readiness HealthCheck} bean of one resource. A {@code Bean} of its own rather than one built with
 * {@code AfterBeanDiscovery.addBean()}, because its bean class decides where a container files it: Weld files a bean
 * added as a {@code Bean} under the bean archive of {@link #getBeanClass()}, and a configured one under the archive of
 * the extension that added it. That archive must be visible to the server's health subsystem, which may look the
 * checks up from an archive of its own: WildFly's does, from its module's archive, which sees the application's bean
 * archives and the modules it depends on, but not the archive Weld makes for an extension jar's classes (not a bean
 * archive itself). So the bean class is {@code HealthCheck}: whatever looks up health checks sees where
 * {@code HealthCheck} comes from.
 */
final class ReadinessCheckBean implements Bean<HealthCheck>, PassivationCapable {

    private static final Set<Type> TYPES = Set.of(HealthCheck.class, Object.class);
    private static final Set<Annotation> QUALIFIERS = Set.of(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE);

    private final String name;
    private final ResourceRegistry registry;
    private final ReadinessProbes probes;
    private final HealthBeans beans;

    ReadinessCheckBean(String name, ResourceRegistry registry, ReadinessProbes probes, HealthBeans beans) {
        this.name = name;
        this.registry = registry;
        this.probes = probes;
        this.beans = beans;
    }

    /** @throws IllegalStateException once the application failed to start (see {@link HealthBeans}) */
    @Override
    public HealthCheck create(CreationalContext<HealthCheck> context) {
        if (beans.hasStartFailed()) {
            throw new IllegalStateException(ResourceReadinessCheck.checkName(name)
                    + " is not available: the application failed to deploy (see its configuration problems)");
        }
        return new ResourceReadinessCheck(name, registry, probes);
    }

    @Override
    public void destroy(HealthCheck instance, CreationalContext<HealthCheck> context) {
        context.release();
    }

    @Override
    public Class<?> getBeanClass() {
        return HealthCheck.class;
    }

    @Override
    public Set<Type> getTypes() {
        return TYPES;
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return QUALIFIERS;
    }

    /** A pseudo-scope: no client proxy, and one check per resource however often a server looks them up. */
    @Override
    public Class<? extends Annotation> getScope() {
        return Singleton.class;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public String getId() {
        return "dev.attached#readiness#" + name;
    }

    @Override
    public String toString() {
        return "ReadinessCheckBean[" + ResourceReadinessCheck.checkName(name) + "]";
    }
}
