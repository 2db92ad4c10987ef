package dev.attached.tck;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** Test archives: the given classes, a beans.xml, and configuration as a microprofile-config.properties asset. */
public final class Deployments {

    private Deployments() {
    }

    public static JavaArchive archive(String configuration, Class<?>... classes) {
        return ShrinkWrap.create(JavaArchive.class)
                .addClasses(classes)
                .addClass(TckConfigSource.class)
                .addAsServiceProvider(ConfigSource.class, TckConfigSource.class)
                .addAsManifestResource(new StringAsset(configuration), "microprofile-config.properties")
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
