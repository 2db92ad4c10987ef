package dev.attached.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.IOException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample WAR's whole integration test ({@link OrdersServiceIT}, every test it has, in its order) against the WAR
 * deployed to Payara Micro at the root context: orders under load across live swaps of its database and its shipping
 * API, problems on one log line, no secret anywhere. The WAR goes as it is built: Payara Micro serves MicroProfile
 * Health on the application's port and brings Jakarta Mail and the Rest Client. The server is the runner's shared
 * container with the qualifier {@code payara-sample}: a Payara Micro of its own, whose environment (this JVM's)
 * names the watched folder, and whose output is the log the test reads.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class OrdersServiceOnPayara extends OrdersServiceIT {

    @Deployment(testable = false)
    public static WebArchive sample() {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("sample.war")));
        // the runner's deployer serves an archive named ROOT at the root context, where the test expects the API
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(war);
    }

    /**
     * Payara's OpenTelemetry API (1.29) is older than the one Attached is built against, and lacks the histograms'
     * bucket advice: the instruments are registered without it, and no metric fails (ATTACHED-203, a warning).
     */
    @Test
    void metricsWorkWithPayarasOlderOpenTelemetryApi() throws IOException {
        assertFalse(LOG.everything().contains("ATTACHED-203"), "a metric failed to register or record");
    }
}
