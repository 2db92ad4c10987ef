package dev.attached.tck.wildfly;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.as.arquillian.container.ExceptionTransformer;

/** What the WildFly runner adds to Arquillian: CDI exceptions out of WildFly's failed deployments. */
public class WildFlySupport implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeploymentExceptionTransformer.class, ExceptionTransformer.class,
                WildFlyDeploymentFailures.class);
    }
}
