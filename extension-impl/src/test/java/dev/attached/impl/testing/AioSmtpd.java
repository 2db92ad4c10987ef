package dev.attached.impl.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server that offers STARTTLS and requires it before MAIL FROM: Debian's aiosmtpd (package
 * python3-aiosmtpd, which .ci/run installs), with a self-signed certificate made by openssl. GreenMail does not
 * speak STARTTLS. Received messages are printed to {@link #output()}.
 */
public final class AioSmtpd implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final int port;

    public AioSmtpd(Path dir) throws IOException, InterruptedException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString()));
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        output = dir.resolve("smtpd.out");
        process = new ProcessBuilder("/usr/bin/python3", "-u", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "--tlscert", cert.toString(), "--tlskey", key.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.currentTimeMillis() + 15_000;
        while (!listening()) {
            if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                close();
                throw new IOException("aiosmtpd did not start: " + Files.readString(output));
            }
            Thread.sleep(100);
        }
    }

    public int port() {
        return port;
    }

    /** What the server printed, received messages included. */
    public String output() throws IOException {
        return Files.readString(output);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(ProcessBuilder command) throws IOException, InterruptedException {
        Process p = command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("failed: " + command.command());
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
