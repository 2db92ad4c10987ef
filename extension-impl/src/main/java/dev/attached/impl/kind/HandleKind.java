package dev.attached.impl.kind;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.attached.ResourceHandle;
import dev.attached.impl.config.Handle;
import dev.attached.spi.ResourceKind;

/**
 * {@link ResourceHandle}: any backing service without a kind of its own, such as a third-party HTTP API. Opening it
 * costs nothing; its probe checks that the host accepts a TCP connection.
 */
public final class HandleKind implements ResourceKind<ResourceHandle, ResourceHandle> {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "ws", 80, "wss", 443,
            "ftp", 21, "ldap", 389, "ldaps", 636);

    @Override
    public String name() {
        return "handle";
    }

    @Override
    public Class<ResourceHandle> type() {
        return ResourceHandle.class;
    }

    @Override
    public ResourceHandle configure(ResourceHandle handle, List<String> problems) {
        return handle;
    }

    @Override
    public ResourceHandle open(ResourceHandle handle) {
        return handle;
    }

    @Override
    public Map<String, Object> probe(ResourceHandle resource, Duration timeout) throws IOException {
        Optional<InetSocketAddress> address = address(resource);
        if (address.isEmpty()) {
            return Map.of("probe", "none: the url names no host and port");
        }
        try (Socket socket = new Socket()) {
            socket.connect(address.get(), (int) Math.max(1, timeout.toMillis()));
        }
        return Map.of("probe", "tcp connect");
    }

    @Override
    public void close(ResourceHandle resource) {
    }

    /** Read from the locator as Attached parsed it: java.net.URI finds no host in {@code https://api_gw/v1}. */
    private static Optional<InetSocketAddress> address(ResourceHandle resource) {
        URI uri = resource.uri();
        String host = resource instanceof Handle handle ? handle.url().host() : uri.getHost();
        int written = resource instanceof Handle handle ? handle.url().port() : uri.getPort();
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        int port = written >= 0 ? written : DEFAULT_PORTS.getOrDefault(String.valueOf(uri.getScheme()), -1);
        return port < 0 ? Optional.empty() : Optional.of(new InetSocketAddress(host, port));
    }
}
