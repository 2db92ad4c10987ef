package dev.attached.tck.payara;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;

/**
 * Registers the shared Payara Micro container in place of Payara's managed adapter, unless {@code -Darquillian.launch=}{@value #MANAGED} asks for the adapter (a server per test class).
 */
public class PayaraRunnerExtension implements LoadableExtension {

    /** The qualifier, in {@code arquillian.xml}, of the container run by Payara's managed adapter. */
    public static final String MANAGED = "payara-micro-managed";

    @Override
    public void register(ExtensionBuilder builder) {
        if (!MANAGED.equals(System.getProperty("arquillian.launch"))) {
            builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class,
                    SharedPayaraMicroContainer.class);
        }
    }
}
