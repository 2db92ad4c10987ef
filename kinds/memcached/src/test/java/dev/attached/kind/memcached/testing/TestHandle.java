package dev.attached.kind.memcached.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.attached.ResourceHandle;

/**
 * A handle as Attached's engine hands it to a kind: the url's userinfo is taken out of {@link #uri()} and becomes the
 * credentials (percent-decoded), the other keys are read by {@link #property}. Only for kind-level tests.
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

    /** {@code of("cache", "memcached://u:p@host:11211", "timeout", "1s")}. */
    public static TestHandle of(String name, String url, String... keyValues) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("url", url);
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.put(keyValues[i], keyValues[i + 1]);
        }
        URI parsed = URI.create(url);
        Optional<String> user = Optional.empty();
        Optional<String> pass = Optional.empty();
        String userInfo = parsed.getRawUserInfo();
        String authority = parsed.getRawAuthority();
        if (userInfo == null && authority != null && authority.contains("@")) {
            userInfo = authority.substring(0, authority.lastIndexOf('@')); // a registry authority (h1,h2)
        }
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            pass = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
            authority = authority.substring(authority.lastIndexOf('@') + 1);
        }
        URI bare = parsed.isOpaque() || authority == null
                ? parsed
                : URI.create(parsed.getScheme() + "://" + authority
                        + (parsed.getRawPath() == null ? "" : parsed.getRawPath())
                        + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery()));
        return new TestHandle(name, bare, user.or(() -> Optional.ofNullable(keys.get("username"))),
                pass.or(() -> Optional.ofNullable(keys.get("password"))), keys);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
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
