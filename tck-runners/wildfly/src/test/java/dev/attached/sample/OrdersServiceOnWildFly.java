package dev.attached.sample;

import java.io.File;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.tck.runner.ApplicationLibraries;

/**
 * The sample WAR's whole integration test ({@link OrdersServiceIT}, every test it has, in its order) against the WAR
 * deployed to WildFly at the root context: orders under load across live swaps of its database and its shipping API,
 * problems on one log line, no secret anywhere. WildFly serves MicroProfile Health on its management port, so the
 * WAR also gets {@link ManagementHealth} to answer the test's {@code /health} requests on the application's port;
 * standalone-microprofile.xml has no mail subsystem, so the runner adds Angus Mail to the WAR
 * ({@code attached.tck.libraries.dev.attached.sample}), as an application on such a server ships it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class OrdersServiceOnWildFly extends OrdersServiceIT {

    @Deployment(testable = false)
    public static WebArchive sample() {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("sample.war")));
        WebArchive root = ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(war).addClass(ManagementHealth.class);
        // Arquillian gives no testable = false deployment to the runner's archive processor: add Angus Mail here
        ApplicationLibraries.packageLibraries(OrdersServiceOnWildFly.class.getName()).forEach(root::addAsLibrary);
        return root;
    }
}
