package dev.attached.kind.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Accepts TCP connections on 127.0.0.1 and never says a word: a hung broker, cache or database. A probe against it
 * connects at once and then must give up within its timeout.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (!socket.isClosed()) {
                    accepted.add(socket.accept());
                }
            } catch (IOException e) {
                // closed
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many connections it has accepted so far. */
    public int accepted() {
        return accepted.size();
    }

    /** Stops listening and cuts every connection it accepted. */
    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
