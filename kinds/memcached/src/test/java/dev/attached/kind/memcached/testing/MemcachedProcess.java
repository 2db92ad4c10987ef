package dev.attached.kind.memcached.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.attached.kind.testkit.Ports;

/**
 * A real memcached, {@code /usr/bin/memcached} (Debian package memcached) on a free port of 127.0.0.1, that a test
 * starts, stops and starts again on the same port. With {@link #withSasl}, it requires SASL authentication (binary
 * protocol only) against a sasldb written with {@code saslpasswd2} (Debian package sasl2-bin).
 */
public final class MemcachedProcess implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/memcached");
    public static final Path SASLPASSWD2 = Path.of("/usr/sbin/saslpasswd2");

    private final int port;
    private final Path saslDir;
    private Process process;

    private MemcachedProcess(int port, Path saslDir) {
        this.port = port;
        this.saslDir = saslDir;
    }

    /** Starts a memcached without authentication. */
    public static MemcachedProcess start() {
        MemcachedProcess server = new MemcachedProcess(Ports.free(), null);
        server.restart();
        return server;
    }

    /** Starts a memcached that lets in only {@code username} with {@code password} (SASL PLAIN or CRAM-MD5). */
    public static MemcachedProcess withSasl(String username, String password) {
        try {
            Path dir = Files.createTempDirectory("attached-memcached-sasl");
            Path db = dir.resolve("memcached.sasldb");
            Process add = new ProcessBuilder(SASLPASSWD2.toString(), "-p", "-a", "memcached", "-c", "-f",
                    db.toString(), username).redirectErrorStream(true).start();
            try (OutputStream in = add.getOutputStream()) {
                in.write(password.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!add.waitFor(10, TimeUnit.SECONDS) || add.exitValue() != 0) {
                throw new IllegalStateException("saslpasswd2 failed: " + output);
            }
            Files.writeString(dir.resolve("memcached.conf"),
                    "mech_list: plain cram-md5\nsasldb_path: " + db + "\n");
            MemcachedProcess server = new MemcachedProcess(Ports.free(), dir);
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code memcached://127.0.0.1:<port>}. */
    public String url() {
        return "memcached://127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts it (again) on its port and waits until it accepts connections. */
    public synchronized MemcachedProcess restart() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-p", String.valueOf(port), "-l",
                "127.0.0.1", "-U", "0", "-m", "16", "-t", "2"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root")); // memcached refuses to run as root without it
        }
        if (saslDir != null) {
            command.addAll(List.of("-S", "-B", "binary"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (saslDir != null) {
            builder.environment().put("SASL_CONF_PATH", saslDir.toString());
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("memcached exited with " + process.exitValue());
                }
                sleep(20);
            }
        }
        throw new IllegalStateException("memcached did not listen on " + port + " within 10s");
    }

    /** A counter of {@code stats} (text protocol; not for a SASL server), such as {@code curr_connections}. */
    public long stat(String name) {
        for (String line : ask("stats")) {
            if (line.startsWith("STAT " + name + " ")) {
                return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("no stat " + name);
    }

    /** Connections from clients, this question's own not counted. */
    public long clientConnections() {
        return stat("curr_connections") - 1;
    }

    /** A key's value as text, or null (text protocol; not for a SASL server). */
    public String get(String key) {
        List<String> lines = ask("get " + key);
        return lines.size() >= 2 && lines.get(0).startsWith("VALUE ") ? lines.get(1) : null;
    }

    private List<String> ask(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills it (as a crash would: memcached takes most of a second to stop on SIGTERM) and waits until it is gone:
     * connections are cut, new ones refused.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        if (saslDir != null) {
            try (Stream<Path> files = Files.walk(saslDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
