package dev.attached.tck.runner;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Puts the implementation under test and the libraries the TCK's deployments reach (its dependencies, H2, the JDBC
 * drivers of the url forms) into every test WAR's {@code WEB-INF/lib}, as an application ships them. Which ones is
 * the system property {@value #PROPERTY}: artifact ids, comma-separated, found as jars on the runner's class path
 * (run the runner in {@code verify}, so the reactor's own modules are packaged). A property
 * {@code attached.tck.libraries.<package>} adds libraries to the deployments of the test classes in that package and
 * its subpackages only: what a runtime lacks that only those tests reach, such as Jakarta Mail for
 * {@code dev.attached.tck.mail} on a server without mail.
 */
public class ApplicationLibraries implements ApplicationArchiveProcessor {

    public static final String PROPERTY = "attached.tck.libraries";

    private static final Logger LOG = Logger.getLogger(ApplicationLibraries.class.getName());

    private static volatile List<File> libraries;

    private static final Map<String, List<File>> PACKAGE_LIBRARIES = new ConcurrentHashMap<>();

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (archive instanceof WebArchive war) {
            libraries().forEach(war::addAsLibrary);
            packageLibraries(testClass.getName()).forEach(war::addAsLibrary);
        }
    }

    /**
     * The libraries of every {@code attached.tck.libraries.<package>} property whose package holds the class. Public for
     * a {@code testable = false} deployment, which Arquillian does not give to archive processors.
     */
    public static List<File> packageLibraries(String testClassName) {
        List<File> found = new ArrayList<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            String prefix = PROPERTY + ".";
            if (key.startsWith(prefix) && testClassName.startsWith(key.substring(prefix.length()) + ".")) {
                found.addAll(PACKAGE_LIBRARIES.computeIfAbsent(key,
                        k -> find(System.getProperty(k), System.getProperty("java.class.path", ""))));
            }
        }
        return found;
    }

    static List<File> libraries() {
        if (libraries == null) {
            libraries = find(System.getProperty(PROPERTY, ""), System.getProperty("java.class.path", ""));
        }
        return libraries;
    }

    /** The class path entries of the named artifacts: a jar named {@code <artifactId>-<version>.jar}. */
    static List<File> find(String artifactIds, String classPath) {
        List<File> found = new ArrayList<>();
        for (String artifactId : artifactIds.split(",")) {
            String wanted = artifactId.trim();
            if (wanted.isEmpty()) {
                continue;
            }
            File match = null;
            for (String entry : classPath.split(File.pathSeparator)) {
                File file = new File(entry);
                String name = file.getName();
                if (name.startsWith(wanted + "-") && name.endsWith(".jar")
                        && Character.isDigit(name.charAt(wanted.length() + 1))) {
                    match = file;
                    break;
                }
            }
            if (match == null) {
                throw new IllegalStateException(PROPERTY + " names " + wanted
                        + ", which is not a jar on the class path of the runner: add it as a test dependency");
            }
            found.add(match);
        }
        LOG.info("Test deployments get WEB-INF/lib " + found);
        return found;
    }
}
