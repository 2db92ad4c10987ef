package dev.attached.kind.redis.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.attached.ResourceHandle;

/**
 * A handle as Attached hands one to a kind: the url's userinfo, percent-decoded, becomes the credentials and is taken
 * out of {@link #uri()}; other keys are looked up relative to {@code attached.<name>.}.
 */
public record TestHandle(String name, URI uri, Optional<String> username, Optional<String> password,
        Map<String, String> keys) implements ResourceHandle {

    /** {@code of("cache", "redis://:pw@127.0.0.1:6379/0", "timeout", "2s")}. */
    public static TestHandle of(String name, String url, String... keyValues) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.put(keyValues[i], keyValues[i + 1]);
        }
        URI parsed = URI.create(url);
        Optional<String> user = Optional.empty();
        Optional<String> pass = Optional.empty();
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))).filter(u -> !u.isEmpty());
            pass = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        URI bare = parsed.getHost() == null
                ? parsed
                : URI.create(parsed.getScheme() + "://" + parsed.getHost()
                        + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort())
                        + (parsed.getRawPath() == null ? "" : parsed.getRawPath())
                        + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery()));
        return new TestHandle(name, bare, user.or(() -> Optional.ofNullable(keys.get("username"))),
                pass.or(() -> Optional.ofNullable(keys.get("password"))), keys);
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
        return "ResourceHandle[" + name + " at " + uri + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
