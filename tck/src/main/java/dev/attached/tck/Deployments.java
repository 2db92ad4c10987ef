package dev.attached.tck;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.attached.spi.ResourceKind;
import dev.attached.tck.kind.Echo;
import dev.attached.tck.kind.EchoKind;
import dev.attached.tck.support.Json;

/**
 * Test archives, shaped as applications are: a WAR with the test and its beans in {@code WEB-INF/classes}, a
 * {@code beans.xml}, and the configuration as a {@code microprofile-config.properties} asset. The implementation
 * under test and H2 are not in it: the runner adds them (to {@code WEB-INF/lib} on a server, to the class path of an
 * embedded container).
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive archive(Class<?> test, String configuration, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, test.getSimpleName() + ".war")
                .addClass(test)
                .addClasses(classes)
                .addPackage(Json.class.getPackage())
                .addClasses(TckConfigSource.class, TckLowConfigSource.class)
                .addAsServiceProvider(ConfigSource.class, TckConfigSource.class, TckLowConfigSource.class)
                .addAsResource(new StringAsset(configuration), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /**
     * The archive with values the {@linkplain TckConfigSource dynamic source} starts with (ordinal 900), for
     * configuration a test removes again, as an operator deletes a key from a secret store.
     */
    public static WebArchive dynamic(WebArchive archive, String configuration) {
        return archive.addAsResource(new StringAsset(configuration), TckConfigSource.INITIAL);
    }

    /** The archive with the TCK's plug-in kind ({@link Echo}), registered as an application adds a kind. */
    public static WebArchive withEchoKind(WebArchive archive) {
        return archive.addPackage(Echo.class.getPackage())
                .addAsServiceProvider(ResourceKind.class, EchoKind.class);
    }
}
