package dev.attached.kind.redis;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;

import dev.attached.ResourceHandle;
import dev.attached.spi.SettingValues;

/**
 * What one generation of a Redis resource is opened from, read from a handle without touching the network.
 * {@link #toString()} and {@link #location()} never show the password.
 *
 * @param location scheme, host, port and database: what messages and the health data show
 * @param host the server's host name or address
 * @param port the server's port; 6379 unless the url says otherwise
 * @param ssl {@code rediss://}
 * @param verifyPeer how the server's certificate is checked ({@code rediss://} only)
 * @param database the database number, from the url's path
 * @param username an ACL user, if any
 * @param password the password, if any: never shown
 * @param timeout how long a command may wait for its answer
 * @param connectTimeout how long opening the TCP connection may take
 * @param clientName sent with {@code CLIENT SETNAME}, if set
 */
public record RedisSettings(String location, String host, int port, boolean ssl, SslVerifyMode verifyPeer,
        int database, Optional<String> username, Optional<String> password, Duration timeout,
        Duration connectTimeout, Optional<String> clientName) {

    /** A command's time to answer: Lettuce's own default. */
    public static final String TIMEOUT = "timeout";
    /** How long the TCP connect may take: Lettuce's own default. */
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    /** {@code CLIENT SETNAME} of every connection, as {@code CLIENT LIST} shows it. */
    public static final String CLIENT_NAME = "client-name";
    /** {@code full} (default), {@code ca} or {@code none}: how a {@code rediss://} server's certificate is checked. */
    public static final String VERIFY_PEER = "ssl.verify-peer";

    /** The keys this kind reads under {@code attached.<name>.} besides url, username and password. */
    public static final Set<String> KEYS = Set.of(TIMEOUT, CONNECT_TIMEOUT, CLIENT_NAME, VERIFY_PEER);

    static final Duration DEFAULT_TIMEOUT = RedisURI.DEFAULT_TIMEOUT_DURATION;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_PORT = RedisURI.DEFAULT_REDIS_PORT;

    private static final Pattern DATABASE = Pattern.compile("/?(\\d{1,9})?/?");

    /** Lettuce's own URL query parameters, and where their setting lives here. */
    private static final Map<String, String> QUERY_HINTS = Map.of(
            "database", "put the database in the path: redis://host:6379/2",
            "db", "put the database in the path: redis://host:6379/2",
            "timeout", "set attached.%s." + TIMEOUT + " instead",
            "clientname", "set attached.%s." + CLIENT_NAME + " instead",
            "verifypeer", "set attached.%s." + VERIFY_PEER + " instead",
            "ssl_cert_reqs", "set attached.%s." + VERIFY_PEER + " instead");

    /**
     * Reads a handle; every problem is added as a phrase that starts with its key, and never holds a secret.
     *
     * @return the settings, meaningful only if no problem was added
     */
    public static RedisSettings read(ResourceHandle handle, List<String> problems) {
        URI uri = handle.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ssl = scheme.equals("rediss");
        String host = handle.host().orElse(""); // also a docker-compose name (redis_cache), where URI finds none
        int port = handle.port().orElse(DEFAULT_PORT);
        int database = 0;
        if (!ssl && !scheme.equals("redis")) {
            problems.add(scheme.startsWith("redis")
                    ? "url: scheme '" + scheme
                            + "' is not supported: Sentinel and Unix sockets are not (use redis:// or rediss:// and the server's address)"
                    : "url: scheme '" + scheme + "' does not fit Redis (use redis:// or rediss://)");
        } else {
            if (host.isEmpty()) {
                problems.add("url: names no host (write redis://host:6379/0)");
            }
            if (port < 1 || port > 65535) {
                problems.add("url: port " + port + " is out of range (1 to 65535)");
            }
            database = database(uri.getRawPath(), problems);
            if (uri.getRawQuery() != null) {
                for (String parameter : uri.getRawQuery().split("&")) {
                    String key = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                    String hint = QUERY_HINTS.get(key.toLowerCase(Locale.ROOT));
                    problems.add("url: query parameter '" + key + "' is not read ("
                            + (hint == null
                                    ? "options are keys under attached." + handle.name() + "., see the README"
                                    : String.format(hint, handle.name()))
                            + ")");
                }
            }
        }

        Optional<String> username = handle.username().filter(u -> !u.isEmpty());
        Optional<String> password = handle.password().filter(p -> !p.isEmpty());
        if (username.isPresent() && password.isEmpty()) {
            problems.add("password: is required with a username (write redis://user:password@host or set attached."
                    + handle.name() + ".password)");
        }

        Duration timeout = SettingValues.read(handle, TIMEOUT, SettingValues::positiveDuration, problems)
                .orElse(DEFAULT_TIMEOUT);
        Duration connectTimeout = SettingValues.read(handle, CONNECT_TIMEOUT, SettingValues::positiveDuration, problems)
                .orElse(DEFAULT_CONNECT_TIMEOUT);
        Optional<String> clientName = SettingValues.read(handle, CLIENT_NAME, name -> {
            if (name.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new IllegalArgumentException(SettingValues.quote(name)
                        + " is not a client name (Redis takes printable characters without spaces)");
            }
            return name;
        }, problems);
        SslVerifyMode verifyPeer = SettingValues.read(handle, VERIFY_PEER, RedisSettings::verifyMode, problems)
                .orElse(SslVerifyMode.FULL);
        if (!ssl && handle.property(VERIFY_PEER).isPresent()) {
            problems.add(VERIFY_PEER + ": applies to rediss:// only, and the url is " + scheme + "://");
        }

        String location = scheme + "://" + host + ":" + port + "/" + database;
        return new RedisSettings(location, host, port, ssl, verifyPeer, database, username, password, timeout,
                connectTimeout, clientName);
    }

    /**
     * Lettuce's view of these settings: credentials are set apart from the address, so its {@code toString()} (which
     * Lettuce logs and puts in messages) shows no password.
     */
    RedisURI redisUri() {
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(host)
                .withPort(port)
                .withDatabase(database)
                .withSsl(ssl)
                .withTimeout(timeout);
        if (ssl) {
            builder.withVerifyPeer(verifyPeer);
        }
        clientName.ifPresent(builder::withClientName);
        password.ifPresent(p -> {
            if (username.isPresent()) {
                builder.withAuthentication(username.get(), p.toCharArray());
            } else {
                builder.withPassword(p.toCharArray());
            }
        });
        return builder.build();
    }

    @Override
    public String toString() {
        return "RedisSettings[" + location + username.map(u -> ", user " + u).orElse("")
                + password.map(p -> ", password ***").orElse("") + ", timeout " + timeout + ", connect-timeout "
                + connectTimeout + clientName.map(n -> ", client-name " + n).orElse("")
                + (ssl ? ", ssl.verify-peer " + verifyPeer.name().toLowerCase(Locale.ROOT) : "") + "]";
    }

    private static int database(String path, List<String> problems) {
        if (path == null) {
            return 0;
        }
        Matcher m = DATABASE.matcher(path);
        if (!m.matches()) {
            problems.add("url: path '" + path + "' is not a database number (write /0, /1, ...)");
            return 0;
        }
        return m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    }

    private static SslVerifyMode verifyMode(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "full" -> SslVerifyMode.FULL;
            case "ca" -> SslVerifyMode.CA;
            case "none" -> SslVerifyMode.NONE;
            default -> throw new IllegalArgumentException(SettingValues.quote(text) + " is not one of full, ca, none");
        };
    }
}
