package dev.attached.tck.payara;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds {@link PayaraHealthActivation} to every test WAR, in a jar of its own in {@code WEB-INF/lib} as a library
 * would carry it, so Payara turns on MicroProfile Health for the TCK's WARs (which have no {@code @Path} or
 * {@code @Readiness} class). {@code -D}{@value #PROPERTY}{@code =false} leaves it out, to see Payara without it.
 */
public class HealthActivation implements ApplicationArchiveProcessor {

    public static final String PROPERTY = "attached.tck.payara.health-activation";

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (archive instanceof WebArchive war && Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "attached-payara-health-activation.jar")
                    .addClass(PayaraHealthActivation.class));
        }
    }
}
