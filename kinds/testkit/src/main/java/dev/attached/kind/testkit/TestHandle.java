package dev.attached.kind.testkit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.attached.ResourceHandle;

/**
 * A handle as Attached's engine hands one to a kind, for tests that call the kind directly. As the engine does, the
 * url's userinfo, percent-decoded, becomes the credentials and is taken out of {@link #uri()}, keys are relative to
 * {@code attached.<name>.} with {@code url} among them, and a credential in the url wins over the
 * {@code username}/{@code password} keys.
 * <p>
 * Unlike the engine, it accepts what the engine would reject before a kind sees it, so a kind's own checks can be
 * tested: a url without a host, a registry authority ({@code memcached://u:p@h1:11211,h2:11211}, whose userinfo is
 * taken out too), any scheme. The query is passed on as written.
 *
 * @param keys every key, relative to {@code attached.<name>.}
 */
public record TestHandle(String name, URI uri, Optional<String> username, Optional<String> password,
        Map<String, String> keys) implements ResourceHandle {

    /** {@code of("cache", "redis://app:secret@127.0.0.1:6379/0", "timeout", "2s")}: further keys as key, value... */
    public static TestHandle of(String name, String url, String... keyValues) {
        Map<String, String> keys = new TreeMap<>(KeyValues.toMap(keyValues));
        keys.put("url", url);
        URI parsed = URI.create(url);
        Optional<String> user = Optional.empty();
        Optional<String> pass = Optional.empty();
        URI bare = parsed;
        String authority = parsed.getRawAuthority();
        if (!parsed.isOpaque() && authority != null) {
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                int colon = userInfo.indexOf(':');
                user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)))
                        .filter(u -> !u.isEmpty());
                pass = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
                authority = authority.substring(at + 1);
            }
            bare = URI.create(parsed.getScheme() + "://" + authority
                    + (parsed.getRawPath() == null ? "" : parsed.getRawPath())
                    + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery())
                    + (parsed.getRawFragment() == null ? "" : "#" + parsed.getRawFragment()));
        }
        return new TestHandle(name, bare, user.or(() -> Optional.ofNullable(keys.get("username"))),
                pass.or(() -> Optional.ofNullable(keys.get("password"))), Map.copyOf(keys));
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

    /** Name and url without its userinfo: never a credential. */
    @Override
    public String toString() {
        return "TestHandle[" + name + " at " + uri + "]";
    }

    /** Percent-decoding as RFC 3986 means it, as the engine decodes: unlike URLDecoder, '+' stays '+'. */
    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
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
