package dev.attached.tck.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Loopback ports for backing services that a deployment names before they exist. A deployment method runs on the
 * client, the test in the container (on a server, another JVM): so a port is chosen once, in the deployment method,
 * written into the deployment's configuration with {@link #entry}, and read there by the test with {@link #configured}.
 */
public final class Ports {

    /**
     * 127.0.0.1, which the tests' urls name. Not {@code InetAddress.getLoopbackAddress()}: under a server that sets
     * {@code java.net.preferIPv4Stack} while running (Payara Micro on Java 25), that answers {@code ::1}.
     */
    public static final InetAddress LOOPBACK = ipv4Loopback();

    private Ports() {
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[]{127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on now (the kernel's pick, released again). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration line that records {@code port} as the deployment's port {@code name}. */
    public static String entry(String name, int port) {
        return "attached-tck.port." + name + "=" + port + "\n";
    }

    /** The port {@code name} the deployment was configured with, read in the container. */
    public static int configured(String name) {
        return ConfigProvider.getConfig().getValue("attached-tck.port." + name, Integer.class);
    }
}
