package dev.attached.kind.s3;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.attached.ResourceHandle;
import dev.attached.spi.SettingValues;

import software.amazon.awssdk.regions.Region;

/**
 * What one generation of an S3 resource is opened from, read from a handle without touching the network. Two URL
 * forms: {@code s3://access-key:secret-key@bucket?region=eu-west-1} for AWS, and
 * {@code https://access-key:secret-key@host:9000/bucket} (or {@code http://}) for an S3-compatible store. A key under
 * {@code attached.<name>.} wins over the URL's query ({@code region}, {@code path-style}) and path ({@code bucket}).
 * {@link #toString()} never shows the secret key.
 *
 * @param resource the resource name, for messages that name a key
 * @param aws {@code s3://}: AWS, its endpoints found from the region
 * @param endpoint the S3-compatible store's scheme, host and port; empty for AWS
 * @param bucket the bucket every request without one goes to
 * @param region the signing region
 * @param pathStyle {@code host/bucket/key} rather than {@code bucket.host/key}
 * @param accessKey the access key id (the handle's username); empty: the SDK's default credentials chain
 * @param secretKey the secret access key (the handle's password): never shown
 * @param connectTimeout how long opening a TCP connection may take
 * @param socketTimeout how long a read may wait for data
 * @param callTimeout a bound on a whole call, retries included, if any
 * @param maxConnections the connection pool's size
 * @param checksumsWhenRequired send and check checksums only where S3 requires them
 */
public record S3Settings(String resource, boolean aws, Optional<URI> endpoint, String bucket, String region,
        boolean pathStyle, Optional<String> accessKey, Optional<String> secretKey, Duration connectTimeout,
        Duration socketTimeout, Optional<Duration> callTimeout, int maxConnections, boolean checksumsWhenRequired) {

    /** The bucket, when the url does not name it (or to name another one). */
    public static final String BUCKET = "bucket";
    /** The signing region; required for {@code s3://}, {@code us-east-1} for a store of the https form. */
    public static final String REGION = "region";
    /** {@code true}: requests go to {@code host/bucket/key}; default false for s3://, true for http(s)://. */
    public static final String PATH_STYLE = "path-style";
    /** TCP connect timeout. */
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    /** How long a read waits for data. */
    public static final String SOCKET_TIMEOUT = "socket-timeout";
    /** A bound on a whole call, retries included. */
    public static final String CALL_TIMEOUT = "call-timeout";
    /** The connection pool's size. */
    public static final String MAX_CONNECTIONS = "max-connections";
    /** {@code when-supported} or {@code when-required}: which requests and responses carry checksums. */
    public static final String CHECKSUMS = "checksums";

    /** The keys this kind reads under {@code attached.<name>.} besides url, username and password. */
    public static final Set<String> KEYS = Set.of(BUCKET, REGION, PATH_STYLE, CONNECT_TIMEOUT, SOCKET_TIMEOUT,
            CALL_TIMEOUT, MAX_CONNECTIONS, CHECKSUMS);

    /** The signing region of S3-compatible stores that do not care (MinIO's default). */
    static final String DEFAULT_COMPATIBLE_REGION = "us-east-1";
    /** The SDK's own defaults for its Apache HttpClient 5 client. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_CONNECTIONS = 50;
    /** The AWS SDK's pool takes any size; more than this many connections to one store is a typo. */
    private static final Function<String, Integer> MAX_CONNECTIONS_RANGE = SettingValues.wholeNumber(1, 10_000);

    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ANY_REGION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Reads a handle; every problem is added as a phrase that starts with its key, and never holds a secret.
     *
     * @return the settings, meaningful only if no problem was added
     */
    public static S3Settings read(ResourceHandle handle, List<String> problems) {
        String name = handle.name();
        int before = problems.size();
        S3Url url = S3Url.read(handle.uri(), name, problems);
        boolean urlRead = problems.size() == before; // else what it lacks follows from what is wrong with it
        boolean aws = url.aws();
        String scheme = url.scheme();

        Optional<String> keyBucket = handle.property(BUCKET).map(String::strip).filter(b -> !b.isEmpty());
        String bucket = keyBucket.or(url::bucket).orElse("");
        if (keyBucket.isPresent()) {
            S3Url.checkBucket(BUCKET, bucket, problems);
        } else if (url.bucket().isEmpty() && urlRead) {
            problems.add(BUCKET + ": none is given (write it in the url, " + (aws
                    ? "s3://bucket?region=eu-west-1"
                    : "https://host:9000/bucket")
                    + ", or set attached." + name + "." + BUCKET + ")");
        }

        String region = region(handle, aws, aws && urlRead, url.query().get(REGION), problems);
        boolean pathStyle = pathStyle(handle, url.query().get(PATH_STYLE), problems).orElse(!aws);

        Optional<String> accessKey = handle.username().filter(u -> !u.isEmpty());
        Optional<String> secretKey = handle.password().filter(p -> !p.isEmpty());
        if (accessKey.isPresent() && secretKey.isEmpty()) {
            problems.add("password: the secret key is missing, and the access key needs one (write "
                    + scheme + "://access-key:secret-key@... or set attached." + name + ".password)");
        }
        if (accessKey.isEmpty() && secretKey.isPresent()) {
            problems.add("username: the access key is missing, and the secret key needs one (write "
                    + scheme + "://access-key:secret-key@... or set attached." + name + ".username)");
        }

        Duration connectTimeout = SettingValues.read(handle, CONNECT_TIMEOUT, SettingValues::positiveDuration, problems)
                .orElse(DEFAULT_CONNECT_TIMEOUT);
        Duration socketTimeout = SettingValues.read(handle, SOCKET_TIMEOUT, SettingValues::positiveDuration, problems)
                .orElse(DEFAULT_SOCKET_TIMEOUT);
        Optional<Duration> callTimeout = SettingValues.read(handle, CALL_TIMEOUT, SettingValues::positiveDuration,
                problems);
        int maxConnections = SettingValues.read(handle, MAX_CONNECTIONS, MAX_CONNECTIONS_RANGE, problems)
                .orElse(DEFAULT_MAX_CONNECTIONS);
        boolean whenRequired = SettingValues.read(handle, CHECKSUMS, S3Settings::whenRequired, problems).orElse(!aws);

        return new S3Settings(name, aws, url.endpoint(), bucket, region, pathStyle, accessKey, secretKey,
                connectTimeout, socketTimeout, callTimeout, maxConnections, whenRequired);
    }

    /** Where the bucket is, as messages show it: {@code s3://assets} or {@code https://minio:9000/assets}. */
    public String location() {
        return endpoint.map(e -> e + "/" + bucket).orElse("s3://" + bucket);
    }

    @Override
    public String toString() {
        return "S3Settings[" + location() + ", region " + region + (pathStyle ? ", path-style" : "")
                + accessKey.map(k -> ", access key " + k).orElse(", default credentials")
                + secretKey.map(s -> ", secret key ***").orElse("") + ", connect-timeout "
                + SettingValues.format(connectTimeout) + ", socket-timeout " + SettingValues.format(socketTimeout)
                + callTimeout.map(t -> ", call-timeout " + SettingValues.format(t)).orElse("") + ", max-connections "
                + maxConnections + ", checksums " + (checksumsWhenRequired ? "when-required" : "when-supported")
                + "]";
    }

    private static String region(ResourceHandle handle, boolean aws, boolean required, String fromUrl,
            List<String> problems) {
        Optional<String> fromKey = handle.property(REGION).map(String::strip).filter(r -> !r.isEmpty());
        String key = fromKey.isPresent() ? REGION : "url: query parameter " + REGION;
        Optional<String> region = fromKey.or(() -> Optional.ofNullable(fromUrl));
        if (region.isEmpty()) {
            if (required) {
                problems.add(REGION + ": is required for s3:// (write s3://bucket?region=eu-west-1 or set attached."
                        + handle.name() + "." + REGION + ")");
            }
            return DEFAULT_COMPATIBLE_REGION;
        }
        String value = region.get();
        if (aws && !AWS_REGION.matcher(value).matches() && !Region.regions().contains(Region.of(value))) {
            problems.add(key + ": " + SettingValues.quote(value) + " is not an AWS region (for example eu-west-1)");
        } else if (!aws && !ANY_REGION.matcher(value).matches()) {
            problems.add(key + ": " + SettingValues.quote(value)
                    + " is not a region name (letters, digits, '-' and '_', as the store names it)");
        }
        return value;
    }

    /** The key's value, else the url's {@code ?path-style=}; either must be true or false. */
    private static Optional<Boolean> pathStyle(ResourceHandle handle, String fromUrl, List<String> problems) {
        if (handle.property(PATH_STYLE).filter(v -> !v.isBlank()).isPresent() || fromUrl == null) {
            return SettingValues.read(handle, PATH_STYLE, SettingValues::flag, problems);
        }
        try {
            return Optional.of(SettingValues.flag(fromUrl.strip()));
        } catch (IllegalArgumentException e) {
            problems.add("url: query parameter " + PATH_STYLE + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean whenRequired(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "when-required" -> true;
            case "when-supported" -> false;
            default -> throw new IllegalArgumentException(
                    SettingValues.quote(text) + " is not when-supported or when-required");
        };
    }
}
