package dev.attached.kind.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.attached.spi.SettingValues;

/**
 * What an S3 resource's url says, without touching the network: its form ({@code s3://bucket} for AWS,
 * {@code http(s)://host:port/bucket} for an S3-compatible store), the store's endpoint, the bucket and the query's
 * options. Every problem starts with {@code url:} and quotes no credential (the handle has taken them out).
 *
 * @param scheme the lowercase scheme
 * @param aws {@code s3://}
 * @param endpoint the store's scheme, host and port; empty for AWS
 * @param bucket the bucket the url names, if any
 * @param query {@code region} and {@code path-style}, as written
 */
record S3Url(String scheme, boolean aws, Optional<URI> endpoint, Optional<String> bucket, Map<String, String> query) {

    private static final Set<String> QUERY_KEYS = Set.of(S3Settings.REGION, S3Settings.PATH_STYLE);
    /** S3's rule for bucket names since 2018: 3 to 63 of a-z 0-9 . -, starting and ending with a letter or digit. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    /** Reads the url of resource {@code name}; what cannot be read is a problem. */
    static S3Url read(URI uri, String name, List<String> problems) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("s3")) {
            return new S3Url(scheme, true, Optional.empty(), awsBucket(uri, problems),
                    query(uri, name, problems));
        }
        if (scheme.equals("https") || scheme.equals("http")) {
            return new S3Url(scheme, false, endpoint(uri, scheme, problems), pathBucket(uri, problems),
                    query(uri, name, problems));
        }
        problems.add("url: scheme " + SettingValues.quote(scheme) + " does not fit S3 (use s3://bucket?region=..."
                + " for AWS, or https://host:port/bucket for an S3-compatible store)");
        return new S3Url(scheme, false, Optional.empty(), Optional.empty(), Map.of());
    }

    /** {@code s3://bucket}: the host is the bucket; nothing else may follow it but the query. */
    private static Optional<String> awsBucket(URI uri, List<String> problems) {
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Optional.empty();
        }
        if (uri.getPort() >= 0) {
            problems.add("url: s3:// names a bucket, not a host and port (for an S3-compatible store write"
                    + " https://host:port/bucket)");
        }
        String bucket = uri.getHost() != null ? uri.getHost() : authority;
        checkBucket("url", bucket, problems);
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            problems.add("url: path " + SettingValues.quote(path) + " is not read: s3:// names a bucket only"
                    + " (key prefixes are the application's)");
        }
        return Optional.of(bucket);
    }

    /** The scheme, host and port of an S3-compatible store. */
    private static Optional<URI> endpoint(URI uri, String scheme, List<String> problems) {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.add("url: names no host (write " + scheme + "://host:9000/bucket)");
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null));
        } catch (URISyntaxException e) {
            problems.add("url: host " + SettingValues.quote(uri.getHost()) + " is not a host name");
            return Optional.empty();
        }
    }

    /** {@code https://host/bucket}: the path's one segment, if any. */
    private static Optional<String> pathBucket(URI uri, List<String> problems) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        trimmed = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (trimmed.contains("/")) {
            problems.add("url: path " + SettingValues.quote(path) + " is more than a bucket (write "
                    + uri.getScheme() + "://host:port/bucket; key prefixes are the application's)");
            return Optional.empty();
        }
        checkBucket("url", trimmed, problems);
        return Optional.of(trimmed);
    }

    private static Map<String, String> query(URI uri, String name, List<String> problems) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
            return query;
        }
        for (String parameter : uri.getQuery().split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            if (!QUERY_KEYS.contains(key)) {
                problems.add("url: query parameter " + SettingValues.quote(key) + " is not read (the url may set "
                        + "region and path-style; other options are keys under attached." + name + ".)");
            } else if (query.put(key, value) != null) {
                problems.add("url: query parameter '" + key + "' is given twice");
            }
        }
        return query;
    }

    /** Adds a problem under {@code key} unless {@code bucket} follows S3's rule for bucket names. */
    static void checkBucket(String key, String bucket, List<String> problems) {
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()) {
            problems.add(key + ": " + SettingValues.quote(bucket) + " is not a bucket name (3 to 63 lowercase letters,"
                    + " digits, dots and hyphens, starting and ending with a letter or digit)");
        }
    }
}
