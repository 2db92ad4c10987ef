package dev.attached.kind.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports of 127.0.0.1. */
public final class Ports {

    private Ports() {
    }

    /**
     * A port nothing listens on right now: connecting to it is refused until a test starts a server on it, as a
     * service that is down at start-up and comes up later.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
