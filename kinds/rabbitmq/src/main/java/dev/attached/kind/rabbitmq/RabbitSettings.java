package dev.attached.kind.rabbitmq;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.attached.ResourceHandle;
import dev.attached.spi.SettingValues;

/**
 * What one configuration of a RabbitMQ resource says, read and checked once per generation without touching the
 * network. {@link #toString()} never shows the password.
 *
 * @param name the resource name
 * @param tls {@code amqps://}
 * @param host the broker's host
 * @param port the broker's port: 5672, or 5671 for {@code amqps://}, unless the URL says otherwise
 * @param virtualHost the percent-decoded path; {@code "/"} when the URL has none
 * @param username {@code guest} unless the URL or {@code username} says otherwise
 * @param password {@code guest} unless the URL or {@code password} says otherwise
 * @param location scheme, host, port and path, for messages
 */
record RabbitSettings(String name, boolean tls, String host, int port, String virtualHost, String username,
        String password, Duration connectTimeout, Duration handshakeTimeout, Duration heartbeat,
        Optional<Duration> rpcTimeout, int channelMax, boolean automaticRecovery, Duration recoveryInterval,
        boolean verifyTls, String location) {

    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String HANDSHAKE_TIMEOUT = "handshake-timeout";
    static final String HEARTBEAT = "heartbeat";
    static final String RPC_TIMEOUT = "rpc-timeout";
    static final String CHANNEL_MAX = "channel-max";
    static final String AUTOMATIC_RECOVERY = "automatic-recovery";
    static final String RECOVERY_INTERVAL = "recovery-interval";
    static final String TLS_VERIFY = "tls.verify";
    static final Set<String> KEYS = Set.of(CONNECT_TIMEOUT, HANDSHAKE_TIMEOUT, HEARTBEAT, RPC_TIMEOUT, CHANNEL_MAX,
            AUTOMATIC_RECOVERY, RECOVERY_INTERVAL, TLS_VERIFY);

    /** The query parameters of the RabbitMQ URI specification that the Java client reads too. */
    private static final Set<String> QUERY_PARAMETERS = Set.of("heartbeat", "connection_timeout", "channel_max");

    static final String DEFAULT_USER = "guest";
    static final String DEFAULT_VIRTUAL_HOST = "/";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
    static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(5);

    /** 0 means no limit, as in the client and the URI's {@code channel_max}. */
    private static final Function<String, Integer> CHANNEL_MAXES = SettingValues.wholeNumber(0, 65535);

    /** Reads a handle; every problem is added as a phrase that starts with its key. */
    static RabbitSettings read(ResourceHandle handle, List<String> problems) {
        URI uri = handle.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            problems.add("url: scheme '" + scheme + "' does not fit RabbitMQ (use amqp:// or amqps://)");
            return null;
        }
        boolean tls = scheme.equals("amqps");
        String host = handle.host().orElse(null); // also a docker-compose name (rabbit_mq), where URI finds none
        if (uri.isOpaque() || host == null || host.isEmpty()) {
            problems.add("url: an AMQP URL needs a host, as in " + scheme + "://user:pass@host:"
                    + (tls ? 5671 : 5672) + "/vhost");
            return null;
        }
        int port = handle.port().orElse(tls ? 5671 : 5672);
        if (port < 1 || port > 65535) {
            problems.add("url: port " + port + " is out of range (1 to 65535)");
        }
        String virtualHost = virtualHost(uri.getRawPath(), problems);

        Query query = Query.parse(uri.getRawQuery(), problems);
        Duration connectTimeout = SettingValues.read(handle, CONNECT_TIMEOUT, SettingValues::duration, problems)
                .orElse(query.connectionTimeout.orElse(DEFAULT_CONNECT_TIMEOUT));
        Duration handshakeTimeout = SettingValues
                .read(handle, HANDSHAKE_TIMEOUT, SettingValues::positiveDuration, problems)
                .orElse(DEFAULT_HANDSHAKE_TIMEOUT);
        Duration heartbeat = SettingValues.read(handle, HEARTBEAT, SettingValues::duration, problems)
                .orElse(query.heartbeat.orElse(DEFAULT_HEARTBEAT));
        Optional<Duration> rpcTimeout = SettingValues.read(handle, RPC_TIMEOUT, SettingValues::positiveDuration,
                problems);
        int channelMax = SettingValues.read(handle, CHANNEL_MAX, CHANNEL_MAXES, problems)
                .orElse(query.channelMax.orElse(0));
        boolean recovery = SettingValues.read(handle, AUTOMATIC_RECOVERY, SettingValues::flag, problems).orElse(true);
        Duration recoveryInterval = SettingValues
                .read(handle, RECOVERY_INTERVAL, SettingValues::positiveDuration, problems)
                .orElse(DEFAULT_RECOVERY_INTERVAL);
        boolean verifyTls = SettingValues.read(handle, TLS_VERIFY, SettingValues::flag, problems).orElse(true);

        String location = scheme + "://" + host + ":" + port + "/" + encodeVirtualHost(virtualHost);
        return new RabbitSettings(handle.name(), tls, host, port, virtualHost,
                handle.username().filter(u -> !u.isEmpty()).orElse(DEFAULT_USER),
                handle.password().orElse(DEFAULT_USER), connectTimeout, handshakeTimeout, heartbeat, rpcTimeout,
                channelMax, recovery, recoveryInterval, verifyTls, location);
    }

    /**
     * The path names the virtual host, percent-decoded: {@code /orders} is {@code orders}, {@code /%2F} is
     * {@code /}. No path, or a bare {@code /}, means the default virtual host {@code /}.
     */
    private static String virtualHost(String rawPath, List<String> problems) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return DEFAULT_VIRTUAL_HOST;
        }
        String segment = rawPath.substring(1);
        if (segment.indexOf('/') >= 0) {
            problems.add("url: the path names one virtual host, but '" + rawPath
                    + "' has several segments (write a '/' inside the name as %2F)");
            return DEFAULT_VIRTUAL_HOST;
        }
        try {
            return decode(segment);
        } catch (IllegalArgumentException e) {
            problems.add("url: the virtual host '" + segment + "' " + e.getMessage());
            return DEFAULT_VIRTUAL_HOST;
        }
    }

    /** The virtual host as a URL path segment, for messages: {@code /} is shown as {@code %2F}. */
    static String encodeVirtualHost(String virtualHost) {
        StringBuilder out = new StringBuilder();
        for (byte b : virtualHost.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** Percent-decoding as RFC 3986 means it: '+' stays '+'. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("has a '%' that is not followed by two hex digits");
                }
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The URL's query: the parameters of the RabbitMQ URI specification that the Java client understands. */
    private record Query(Optional<Duration> heartbeat, Optional<Duration> connectionTimeout,
            Optional<Integer> channelMax) {

        static Query parse(String rawQuery, List<String> problems) {
            Optional<Duration> heartbeat = Optional.empty();
            Optional<Duration> connectionTimeout = Optional.empty();
            Optional<Integer> channelMax = Optional.empty();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return new Query(heartbeat, connectionTimeout, channelMax);
            }
            for (String parameter : rawQuery.split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int eq = parameter.indexOf('=');
                String key = eq < 0 ? parameter : parameter.substring(0, eq);
                String value = eq < 0 ? "" : parameter.substring(eq + 1);
                if (!QUERY_PARAMETERS.contains(key)) {
                    problems.add("url: query parameter '" + key
                            + "' is not supported (use heartbeat, connection_timeout or channel_max)");
                    continue;
                }
                long number;
                try {
                    number = Long.parseLong(value);
                    if (number < 0 || number > Integer.MAX_VALUE) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    problems.add("url: query parameter " + key + "='" + value + "' is not a whole number of 0 or more");
                    continue;
                }
                switch (key) {
                    case "heartbeat" -> heartbeat = Optional.of(Duration.ofSeconds(number));
                    case "connection_timeout" -> connectionTimeout = Optional.of(Duration.ofMillis(number));
                    default -> {
                        if (number > 65535) {
                            problems.add("url: query parameter channel_max='" + value
                                    + "' is not a whole number from 0 (no limit) to 65535");
                        } else {
                            channelMax = Optional.of((int) number);
                        }
                    }
                }
            }
            return new Query(heartbeat, connectionTimeout, channelMax);
        }
    }

    @Override
    public String toString() {
        return "RabbitSettings[" + name + " at " + location + ", user " + username + "]";
    }
}
