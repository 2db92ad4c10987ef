package dev.attached.kind.restclient;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.attached.ResourceHandle;
import dev.attached.spi.SettingValues;

/**
 * How the readiness probe asks: which URI, with which method, and which statuses count as UP.
 *
 * @param uri the base URI by default; {@code health.path} resolved against it
 * @param method {@code GET} by default; {@code HEAD} or {@code OPTIONS}
 * @param upStatuses {@code 100-499} by default
 */
record HealthSettings(URI uri, String method, UpStatuses upStatuses) {

    static final String PATH = "health.path";
    static final String METHOD = "health.method";
    static final String UP_STATUS = "health.up-status";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS");

    static HealthSettings read(ResourceHandle handle, URI base, List<String> problems) {
        URI uri = SettingValues.read(handle, PATH, path -> resolve(base, path), problems).orElse(base);
        String method = SettingValues.read(handle, METHOD, m -> {
            String upper = m.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(upper)) {
                throw new IllegalArgumentException(SettingValues.quote(m) + " is not one of GET, HEAD, OPTIONS");
            }
            return upper;
        }, problems).orElse("GET");
        UpStatuses up = SettingValues.read(handle, UP_STATUS, UpStatuses::parse, problems).orElse(UpStatuses.DEFAULT);
        return new HealthSettings(uri, method, up);
    }

    /**
     * {@code /healthz} is a path from the host's root; {@code status} (no leading slash) is appended to the base
     * path; {@code http://host:9000/q/health/ready} is a URL of its own (a management port), without credentials.
     */
    static URI resolve(URI base, String path) {
        URI given;
        try {
            given = new URI(path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    SettingValues.quote(path) + " is not a path or a URL (" + e.getReason() + ")");
        }
        if (given.isAbsolute()) {
            String scheme = given.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("scheme '" + scheme + "' is not http or https");
            }
            if (given.getRawUserInfo() != null) {
                throw new IllegalArgumentException(
                        "holds credentials: the probe sends the resource's own (username, password, bearer-token)");
            }
            if (given.getHost() == null) {
                throw new IllegalArgumentException("names no host");
            }
            return given;
        }
        if (given.getRawAuthority() != null || given.getRawFragment() != null) {
            throw new IllegalArgumentException(SettingValues.quote(path) + " is not a path or a URL");
        }
        String basePath = Optional.ofNullable(base.getRawPath()).orElse("");
        String rawPath = given.getRawPath();
        String joined = rawPath.startsWith("/")
                ? rawPath
                : (basePath.endsWith("/") ? basePath : basePath + "/") + rawPath;
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + joined
                + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery()));
    }
}
