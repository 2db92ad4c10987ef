package dev.attached.impl.testing;

import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.SocketFactory;

/**
 * A class a hostile URL names in {@code ?socketFactory=}: PostgreSQL's driver instantiates it when it connects. It
 * only counts its instances, so a test can tell whether the driver was made to load it.
 */
public final class TrapSocketFactory extends SocketFactory {

    public static final AtomicInteger INSTANCES = new AtomicInteger();

    public TrapSocketFactory() {
        INSTANCES.incrementAndGet();
    }

    @Override
    public Socket createSocket() {
        return new Socket();
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
    }
}
