package dev.attached.kind.memcached;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.attached.ResourceHandle;
import dev.attached.spi.SettingValues;

/**
 * What a memcached resource is opened from, read from {@code attached.<name>.*} without touching the network. Its
 * {@link #toString()} shows no password.
 *
 * @param resource the resource name, for thread names and messages
 * @param servers every server, the url's first, then {@code servers}; no duplicates
 * @param protocol the memcached protocol the client speaks
 * @param hashing how keys are spread over the servers
 * @param timeout bound on one command ({@code timeout})
 * @param connectTimeout bound on one connection attempt ({@code connect-timeout})
 * @param poolSize connections per server ({@code pool-size})
 * @param credentials SASL credentials, when {@code username} is set
 */
record MemcachedSettings(String resource, List<Server> servers, Protocol protocol, Hashing hashing,
        Duration timeout, Duration connectTimeout, int poolSize, Optional<Credentials> credentials) {

    static final String SCHEME = "memcached";
    static final String SERVERS = "servers";
    static final String PROTOCOL = "protocol";
    static final String HASHING = "hashing";
    static final String TIMEOUT = "timeout";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String POOL_SIZE = "pool-size";
    static final String SASL_MECHANISM = "sasl-mechanism";
    /** The keys besides url, username and password; looked up by name, so environment variables find them too. */
    static final Set<String> KEYS = Set.of(SERVERS, PROTOCOL, HASHING, TIMEOUT, CONNECT_TIMEOUT, POOL_SIZE,
            SASL_MECHANISM);

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final Function<String, Integer> POOL_SIZES = SettingValues.wholeNumber(1, Integer.MAX_VALUE);

    MemcachedSettings {
        servers = List.copyOf(servers);
    }

    /** The memcached wire protocol. SASL authentication exists only in the binary one. */
    enum Protocol {
        TEXT, BINARY
    }

    /** How keys are spread: XMemcached's default modulo of the key's hash, or consistent (Ketama) hashing. */
    enum Hashing {
        MODULO, KETAMA
    }

    /** A SASL mechanism XMemcached can authenticate with. */
    enum Mechanism {
        PLAIN("PLAIN"), CRAM_MD5("CRAM-MD5");

        private final String saslName;

        Mechanism(String saslName) {
            this.saslName = saslName;
        }

        String saslName() {
            return saslName;
        }
    }

    /** SASL credentials. The password is handed to XMemcached's authenticator only; it is never shown. */
    static final class Credentials {
        private final String username;
        private final String password;
        private final Mechanism mechanism;

        Credentials(String username, String password, Mechanism mechanism) {
            this.username = username;
            this.password = password;
            this.mechanism = mechanism;
        }

        String username() {
            return username;
        }

        String password() {
            return password;
        }

        Mechanism mechanism() {
            return mechanism;
        }

        @Override
        public String toString() {
            return "Credentials[" + username + ", " + mechanism.saslName() + ", password ****]";
        }
    }

    /** Reads and checks a handle; each problem is added as a phrase starting with its key. */
    static MemcachedSettings read(ResourceHandle handle, List<String> problems) {
        Set<Server> servers = new LinkedHashSet<>(fromUrl(handle, problems));
        handle.property(SERVERS).filter(s -> !s.isBlank()).ifPresent(list -> {
            for (String entry : list.strip().split("[,\\s]+")) {
                try {
                    servers.add(Server.parse(entry));
                } catch (IllegalArgumentException e) {
                    problems.add(SERVERS + ": " + e.getMessage());
                }
            }
        });

        Optional<String> username = handle.username().filter(u -> !u.isEmpty());
        Optional<String> password = handle.password();
        Optional<Protocol> protocol = SettingValues.read(handle, PROTOCOL,
                v -> choice(v, Protocol.class, "text, binary"), problems);
        Mechanism mechanism = SettingValues
                .read(handle, SASL_MECHANISM, v -> choice(v, Mechanism.class, "PLAIN, CRAM-MD5"), problems)
                .orElse(Mechanism.PLAIN);
        Optional<Credentials> credentials = Optional.empty();
        if (username.isPresent() && password.isEmpty()) {
            problems.add("password: is not set, but username is: SASL authentication needs both");
        } else if (username.isEmpty() && password.isPresent()) {
            problems.add("username: is not set, but password is: SASL authentication needs both");
        } else if (username.isPresent()) {
            credentials = Optional.of(new Credentials(username.get(), password.get(), mechanism));
            if (protocol.orElse(Protocol.BINARY) == Protocol.TEXT) {
                problems.add(PROTOCOL + ": is text, but SASL authentication (username is set) needs the binary"
                        + " protocol: remove protocol or set it to binary");
            }
        }

        return new MemcachedSettings(handle.name(), new ArrayList<>(servers),
                protocol.orElse(credentials.isPresent() ? Protocol.BINARY : Protocol.TEXT),
                SettingValues.read(handle, HASHING, v -> choice(v, Hashing.class, "modulo, ketama"), problems)
                        .orElse(Hashing.MODULO),
                SettingValues.read(handle, TIMEOUT, SettingValues::positiveDuration, problems).orElse(DEFAULT_TIMEOUT),
                SettingValues.read(handle, CONNECT_TIMEOUT, SettingValues::positiveDuration, problems)
                        .orElse(DEFAULT_CONNECT_TIMEOUT),
                SettingValues.read(handle, POOL_SIZE, POOL_SIZES, problems).orElse(1),
                credentials);
    }

    /** The url's server (or servers, if the engine hands over a comma-separated authority as a registry URI). */
    private static List<Server> fromUrl(ResourceHandle handle, List<String> problems) {
        URI uri = handle.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(SCHEME)) {
            problems.add("url: scheme '" + scheme + "' does not fit memcached (use memcached://host:11211)");
            return List.of();
        }
        if (uri.getRawQuery() != null) {
            problems.add("url: takes no query parameters: set protocol, timeout and the other keys under attached."
                    + handle.name() + ". instead");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            problems.add("url: has a path, but memcached has no databases: write memcached://host:11211");
        }
        List<Server> servers = new ArrayList<>();
        if (uri.getHost() != null) {
            servers.add(new Server(unbracket(uri.getHost()).toLowerCase(Locale.ROOT),
                    uri.getPort() < 0 ? Server.DEFAULT_PORT : uri.getPort()));
        } else if (uri.getRawAuthority() != null) {
            String authority = uri.getRawAuthority();
            for (String entry : authority.substring(authority.lastIndexOf('@') + 1).split(",")) {
                try {
                    servers.add(Server.parse(entry));
                } catch (IllegalArgumentException e) {
                    problems.add("url: " + e.getMessage());
                }
            }
        } else {
            problems.add("url: names no server: write memcached://host:11211");
        }
        return servers;
    }

    private static <E extends Enum<E>> E choice(String value, Class<E> type, String allowed) {
        String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(SettingValues.quote(value) + " is not one of " + allowed);
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The servers as {@code host:port, host:port}. */
    String serverList() {
        return String.join(", ", servers.stream().map(Server::toString).toList());
    }

    @Override
    public String toString() {
        return "MemcachedSettings[" + resource + ": " + serverList() + ", " + protocol + ", " + hashing + ", timeout "
                + SettingValues.format(timeout) + ", connect-timeout " + SettingValues.format(connectTimeout)
                + ", pool-size "
                + poolSize + credentials.map(c -> ", " + c).orElse("") + "]";
    }
}
