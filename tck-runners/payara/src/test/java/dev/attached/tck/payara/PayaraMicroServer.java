package dev.attached.tck.payara;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.attached.tck.payara.deployer.DeployerServlet;
import dev.attached.tck.payara.deployer.FailureReport;

/**
 * One Payara Micro process, started with the deployer application ({@link DeployerServlet}) and then given each
 * test WAR through it, so the suite pays for one server start rather than one per test class. Its console output
 * goes to the configured log file; it is ready when it prints that it is.
 */
final class PayaraMicroServer {

    static final String DEPLOYER = "attached-tck-deployer";

    private static final Logger LOG = Logger.getLogger(PayaraMicroServer.class.getName());
    /** What Payara Micro prints once it has booted and deployed what it was given on the command line. */
    private static final String READY = ") ready in ";

    private final SharedPayaraMicroConfiguration config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Process process;
    private Thread shutdownHook;

    PayaraMicroServer(SharedPayaraMicroConfiguration config) {
        this.config = config;
    }

    void start() throws LifecycleException {
        File log = new File(config.getLogFile()).getAbsoluteFile();
        try {
            Files.createDirectories(log.getParentFile().toPath());
            File deployer = new File(log.getParentFile(), DEPLOYER + ".war");
            ShrinkWrap.create(WebArchive.class, deployer.getName())
                    .addClasses(DeployerServlet.class, FailureReport.class).as(ZipExporter.class)
                    .exportTo(deployer, true);
            List<String> command = command(deployer);
            LOG.info("Starting Payara Micro: " + String.join(" ", command) + " (output in " + log + ")");
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LifecycleException("Payara Micro could not be started", e);
        }
        shutdownHook = new Thread(this::destroy, "payara-micro-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        CompletableFuture<Void> ready = copyOutput(log);
        try {
            ready.get(config.getStartupTimeoutInSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            destroy();
            throw new LifecycleException("Payara Micro did not start within " + config.getStartupTimeoutInSeconds()
                    + " s (" + (e instanceof ExecutionException ? e.getCause().getMessage() : "still starting")
                    + "): see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy();
            throw new LifecycleException("interrupted while Payara Micro started", e);
        }
    }

    private List<String> command(File deployer) {
        List<String> command = new ArrayList<>();
        command.add(new File(config.getJavaHome(), "bin/java").getPath());
        command.addAll(words(config.getJavaOptions()));
        command.addAll(List.of("-jar", config.getMicroJar(), "--nocluster", "--port",
                String.valueOf(config.getHttpPort()), "--deploy", deployer.getPath()));
        command.addAll(words(config.getMicroOptions()));
        return command;
    }

    private static List<String> words(String options) {
        return options == null || options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }

    /** Copies the server's output to the log; completes when the server says it is ready, fails if it exits. */
    private CompletableFuture<Void> copyOutput(File log) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log.toPath(), StandardCharsets.UTF_8),
                            true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    if (line.contains(READY)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                if (process.isAlive()) {
                    throw new UncheckedIOException(e);
                } // else the server was stopped, and its output closed with it
            } finally {
                ready.completeExceptionally(new IllegalStateException("the server exited"));
            }
        }, "payara-micro-output");
        copier.setDaemon(true);
        copier.start();
        return ready;
    }

    /** Deploys a WAR at context root {@code /<name>}; a failure carries what the server logged about it. */
    void deploy(String name, byte[] war) throws DeploymentException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(apps(name))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(war)));
        if (response.statusCode() != 200) {
            Throwable cause = RemoteFailure.read(response.body());
            throw new DeploymentException("Payara Micro did not deploy " + name + " (HTTP " + response.statusCode()
                    + "); the server logged " + (cause == null ? "nothing: see " + config.getLogFile() : cause),
                    cause);
        }
    }

    void undeploy(String name) throws DeploymentException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(apps(name)).DELETE());
        if (response.statusCode() >= 300) {
            throw new DeploymentException("Payara Micro did not undeploy " + name + " (HTTP "
                    + response.statusCode() + "): " + response.body());
        }
    }

    private URI apps(String name) {
        return URI.create("http://127.0.0.1:" + config.getHttpPort() + "/" + DEPLOYER + "/apps/" + name);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws DeploymentException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(config.getStartupTimeoutInSeconds())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeploymentException("Payara Micro's deployer did not answer: see " + config.getLogFile(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while talking to Payara Micro", e);
        }
    }

    void stop() {
        destroy();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
    }

    private void destroy() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
