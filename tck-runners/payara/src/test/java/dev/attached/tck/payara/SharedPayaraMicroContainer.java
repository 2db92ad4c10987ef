package dev.attached.tck.payara;

import java.io.ByteArrayOutputStream;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

import dev.attached.tck.payara.deployer.DeployerServlet;

/**
 * An Arquillian container that starts one Payara Micro for the whole suite and deploys each test WAR into it (see
 * {@link PayaraMicroServer}). Payara's own managed adapter starts a server per deployment, which costs a server
 * start per test class; this one costs one deployment per test class.
 */
public class SharedPayaraMicroContainer implements DeployableContainer<SharedPayaraMicroConfiguration> {

    /** The servlet of Arquillian's Jakarta Servlet protocol in each test WAR. */
    private static final String TEST_RUNNER = "ArquillianServletRunnerEE9";

    private SharedPayaraMicroConfiguration config;
    private PayaraMicroServer server;

    @Override
    public Class<SharedPayaraMicroConfiguration> getConfigurationClass() {
        return SharedPayaraMicroConfiguration.class;
    }

    @Override
    public void setup(SharedPayaraMicroConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        server = new PayaraMicroServer(config);
        server.start();
    }

    @Override
    public void stop() throws LifecycleException {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 5.0");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String name = name(archive);
        ByteArrayOutputStream war = new ByteArrayOutputStream();
        archive.as(ZipExporter.class).exportTo(war);
        server.deploy(name, war.toByteArray());
        String contextRoot = DeployerServlet.ROOT.equals(name) ? "" : "/" + name;
        return new ProtocolMetaData().addContext(
                new HTTPContext("127.0.0.1", config.getHttpPort()).add(new Servlet(TEST_RUNNER, contextRoot)));
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        server.undeploy(name(archive));
    }

    @Override
    public void deploy(Descriptor descriptor) throws DeploymentException {
        throw new UnsupportedOperationException("Payara Micro deploys archives, not descriptors");
    }

    @Override
    public void undeploy(Descriptor descriptor) throws DeploymentException {
        throw new UnsupportedOperationException("Payara Micro deploys archives, not descriptors");
    }

    private static String name(Archive<?> archive) {
        String name = archive.getName();
        return name.endsWith(".war") ? name.substring(0, name.length() - 4) : name;
    }
}
