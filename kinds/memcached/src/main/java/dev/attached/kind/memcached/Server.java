package dev.attached.kind.memcached;

import java.net.InetSocketAddress;
import java.util.Locale;

import dev.attached.spi.SettingValues;

/**
 * One memcached server: a host name or address (IPv6 without brackets) and a port.
 *
 * @param host as written, lowercased
 * @param port 1 to 65535
 */
record Server(String host, int port) {

    static final int DEFAULT_PORT = 11211;

    /**
     * Reads {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}.
     *
     * @throws IllegalArgumentException with a message that quotes the entry
     */
    static Server parse(String entry) {
        String text = entry.strip();
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                throw invalid(entry);
            }
            host = text.substring(1, close);
            port = close + 1 < text.length() ? text.substring(close + 2) : null;
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw invalid(entry); // an IPv6 address needs brackets to carry a port
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || "/@?#,".indexOf(c) >= 0)) {
            throw invalid(entry);
        }
        return new Server(host.toLowerCase(Locale.ROOT), port == null ? DEFAULT_PORT : port(entry, port));
    }

    private static int port(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(entry);
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException(
                SettingValues.quote(entry.strip())
                        + " is not host[:port] with a port from 1 to 65535 (as in cache-1.internal:11211)");
    }

    /** Whether a connection's remote address is this server: same name (or address as written) and port. */
    boolean is(InetSocketAddress address) {
        if (address == null || address.getPort() != port) {
            return false;
        }
        if (host.equalsIgnoreCase(address.getHostString())) {
            return true;
        }
        return address.getAddress() != null && host.equalsIgnoreCase(address.getAddress().getHostAddress());
    }

    /** An address that is not resolved: building one never waits for DNS. */
    InetSocketAddress unresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
