package dev.attached.kind.memcached.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on 127.0.0.1 where a connection attempt hangs until its timeout, as with a host behind a firewall that drops
 * packets: a listening socket that never accepts, whose backlog is already full, so the kernel ignores further SYNs.
 */
public final class UnreachableServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> backlog = new ArrayList<>();

    public UnreachableServer() throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 2; i++) { // a backlog of 1 holds two connections on Linux
            Socket filler = new Socket();
            filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), 1000);
            backlog.add(filler);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket filler : backlog) {
            filler.close();
        }
        socket.close();
    }
}
