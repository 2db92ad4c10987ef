package dev.attached.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a database server that counts what reaches the server: connections opened, and requests
 * (each read of the client's bytes, which for a JDBC driver waiting for each answer is one round trip). The probe
 * load on the backing service, measured where the service would see it.
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    CountingProxy(String host, int port) throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", () -> {
            try {
                while (!socket.isClosed()) {
                    Socket client = socket.accept();
                    Socket server = new Socket(host, port);
                    client.setTcpNoDelay(true);
                    server.setTcpNoDelay(true);
                    open.add(client);
                    open.add(server);
                    connections.incrementAndGet();
                    daemon("proxy-up", () -> pump(client, server, true));
                    daemon("proxy-down", () -> pump(server, client, false));
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    private void pump(Socket from, Socket to, boolean countRequests) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (countRequests) {
                    requests.incrementAndGet();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            close(from);
            close(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    long connections() {
        return connections.get();
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        open.forEach(CountingProxy::close);
    }
}
