package dev.attached.tck.payara;

import java.io.File;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** Where the Payara Micro jar and the Java to run it are, and the port it serves on ({@code arquillian.xml}). */
public class SharedPayaraMicroConfiguration implements ContainerConfiguration {

    private String microJar;
    private String javaHome = System.getProperty("java.home");
    private String javaOptions = "";
    private String microOptions = "";
    private int httpPort = 8381;
    private int startupTimeoutInSeconds = 300;
    private String logFile = "target/payara/server.log";

    @Override
    public void validate() throws ConfigurationException {
        if (microJar == null || !new File(microJar).isFile()) {
            throw new ConfigurationException("microJar must name the Payara Micro jar; it is " + microJar);
        }
        if (!new File(javaHome, "bin/java").canExecute()) {
            throw new ConfigurationException("javaHome must be a JDK or JRE (Java 21 or later for Payara Micro 7); "
                    + javaHome + "/bin/java is not there");
        }
    }

    public String getMicroJar() {
        return microJar;
    }

    public void setMicroJar(String microJar) {
        this.microJar = microJar;
    }

    public String getJavaHome() {
        return javaHome;
    }

    public void setJavaHome(String javaHome) {
        this.javaHome = javaHome;
    }

    /** Options of the server's JVM, space-separated. */
    public String getJavaOptions() {
        return javaOptions;
    }

    public void setJavaOptions(String javaOptions) {
        this.javaOptions = javaOptions;
    }

    /** Payara Micro's own options, space-separated, after the ones the container sets. */
    public String getMicroOptions() {
        return microOptions;
    }

    public void setMicroOptions(String microOptions) {
        this.microOptions = microOptions;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }

    /** Where the server's console output goes. */
    public String getLogFile() {
        return logFile;
    }

    public void setLogFile(String logFile) {
        this.logFile = logFile;
    }
}
