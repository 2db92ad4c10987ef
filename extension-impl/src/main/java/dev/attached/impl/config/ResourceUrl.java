package dev.attached.impl.config;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A configured locator split into what may be shown and what may not. Accepts JDBC URLs
 * ({@code jdbc:postgresql://u:p@host/db}, {@code jdbc:h2:mem:x}) and ordinary ones
 * ({@code postgres://u:p@host:5432/db}, {@code smtp://host:587}); the userinfo, percent-decoded, becomes the
 * credentials and is removed from {@link #uri()}.
 */
public final class ResourceUrl {

    private static final String JDBC = "jdbc:";

    private final URI uri;
    private final String scheme;
    private final Optional<String> username;
    private final Optional<String> password;

    private ResourceUrl(URI uri, String scheme, Optional<String> username, Optional<String> password) {
        this.uri = uri;
        this.scheme = scheme;
        this.username = username;
        this.password = password;
    }

    /**
     * Parses a locator.
     *
     * @throws IllegalArgumentException with a message that never repeats the input (it may hold a password)
     */
    public static ResourceUrl parse(String raw) {
        String text = raw.strip();
        boolean jdbc = text.regionMatches(true, 0, JDBC, 0, JDBC.length());
        String body = jdbc ? text.substring(JDBC.length()) : text;
        URI parsed;
        try {
            parsed = new URI(body);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + " at index "
                    + (e.getIndex() + (jdbc ? JDBC.length() : 0)) + ")");
        }
        if (parsed.getScheme() == null) {
            throw new IllegalArgumentException("is not a URL: it has no scheme (such as postgres:// or jdbc:h2:)");
        }
        String scheme = (jdbc ? "jdbc:" : "") + parsed.getScheme().toLowerCase(Locale.ROOT);
        if (parsed.isOpaque() || parsed.getRawAuthority() == null || (jdbc && parsed.getHost() == null)) {
            // jdbc:h2:mem:x, or a driver's own authority syntax (jdbc:sqlserver://host;databaseName=x): pass through
            return new ResourceUrl(URI.create(text), scheme, Optional.empty(), Optional.empty());
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("is not a valid URL: it has no host name");
        }
        Optional<String> user = Optional.empty();
        Optional<String> pass = Optional.empty();
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))).filter(u -> !u.isEmpty());
            pass = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        // credentials in the query (?user=app&password=secret) are taken out too, so no driver ever logs them
        StringBuilder query = new StringBuilder();
        if (parsed.getRawQuery() != null) {
            for (String parameter : parsed.getRawQuery().split("&")) {
                int eq = parameter.indexOf('=');
                String key = eq < 0 ? parameter : parameter.substring(0, eq);
                String value = eq < 0 ? "" : decode(parameter.substring(eq + 1));
                if (key.equalsIgnoreCase("password")) {
                    pass = pass.or(() -> Optional.of(value));
                } else if (key.equalsIgnoreCase("user")) {
                    user = user.or(() -> Optional.of(value).filter(u -> !u.isEmpty()));
                } else {
                    query.append(query.length() == 0 ? "?" : "&").append(parameter);
                }
            }
        }
        URI bare = URI.create((jdbc ? JDBC : "") + parsed.getScheme() + "://" + hostAndPort(parsed)
                + nullToEmpty(parsed.getRawPath()) + query
                + (parsed.getRawFragment() == null ? "" : "#" + parsed.getRawFragment()));
        return new ResourceUrl(bare, scheme, user, pass);
    }

    /** The locator without userinfo; JDBC URLs keep their {@code jdbc:} prefix and are opaque URIs. */
    public URI uri() {
        return uri;
    }

    /** The lowercase scheme; {@code jdbc:postgresql} for JDBC URLs. */
    public String scheme() {
        return scheme;
    }

    public Optional<String> username() {
        return username;
    }

    public Optional<String> password() {
        return password;
    }

    /** Scheme, host, port and path: what health data and logs show. Query, fragment and JDBC options are left out. */
    public String location() {
        String text = uri.toString();
        int cut = text.length();
        for (char c : new char[]{'?', ';', '#'}) {
            int at = text.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return text.substring(0, cut);
    }

    private static String hostAndPort(URI uri) {
        String host = uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Percent-decoding as RFC 3986 means it: unlike URLDecoder, '+' stays '+'. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
