package dev.attached.tck.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backing service that hangs: it accepts TCP connections and never says a word, as a database behind a stuck
 * load balancer does. Every client waits for its own timeout.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private SilentServer(int port) throws IOException {
        server = new ServerSocket(port, 100, Ports.LOOPBACK);
        Thread acceptor = new Thread(this::accept, "attached-tck-silent-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free port. */
    public static SilentServer start() {
        return on(0);
    }

    /** Listens on {@code port} (one a deployment was configured with). */
    public static SilentServer on(int port) {
        try {
            return new SilentServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                accepted.add(server.accept());
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : accepted) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
