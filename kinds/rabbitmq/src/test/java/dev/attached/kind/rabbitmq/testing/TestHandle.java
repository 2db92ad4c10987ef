package dev.attached.kind.rabbitmq.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.attached.ResourceHandle;

/**
 * A handle as the engine hands it to a kind, for tests that call the kind directly: the URL's userinfo,
 * percent-decoded, becomes the credentials and is taken out of {@link #uri()}.
 */
public final class TestHandle implements ResourceHandle {

    private final String name;
    private final URI uri;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Map<String, String> keys;

    private TestHandle(String name, URI uri, Optional<String> username, Optional<String> password,
            Map<String, String> keys) {
        this.name = name;
        this.uri = uri;
        this.username = username;
        this.password = password;
        this.keys = keys;
    }

    /** A handle of resource "events" with {@code url} and further keys given as key, value, key, value... */
    public static TestHandle of(String url, String... keyValues) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.put(keyValues[i], keyValues[i + 1]);
        }
        URI parsed = URI.create(url);
        if (parsed.isOpaque() || parsed.getRawAuthority() == null) {
            return new TestHandle("events", parsed, Optional.ofNullable(keys.get("username")),
                    Optional.ofNullable(keys.get("password")), keys);
        }
        Optional<String> user = Optional.ofNullable(keys.get("username"));
        Optional<String> pass = Optional.ofNullable(keys.get("password"));
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            pass = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        URI bare = URI.create(parsed.getScheme() + "://" + parsed.getHost()
                + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort())
                + (parsed.getRawPath() == null ? "" : parsed.getRawPath())
                + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery()));
        return new TestHandle("events", bare, user, pass, keys);
    }

    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Optional<String> username() {
        return username;
    }

    @Override
    public Optional<String> password() {
        return password;
    }

    @Override
    public Optional<String> property(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    @Override
    public Map<String, String> propertiesUnder(String prefix) {
        Map<String, String> found = new TreeMap<>();
        keys.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), value);
            }
        });
        return found;
    }

    @Override
    public String toString() {
        return "TestHandle[" + name + " at " + uri + "]";
    }
}
