package dev.attached.kind.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.TestHandle;

/** Both URL forms, keys that override the URL, and every problem's exact message. */
class S3SettingsTest {

    private static final String ACCESS = "AKIAEXAMPLE";
    private static final String CREDENTIALS = ACCESS + ":" + Canary.PASSWORD + "@";

    static S3Settings valid(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        S3Settings settings = S3Settings.read(TestHandle.of("assets", url, keys), problems);
        assertEquals(List.of(), problems);
        Canary.assertAbsent("the settings", settings.toString());
        return settings;
    }

    static List<String> problems(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        S3Settings.read(TestHandle.of("assets", url, keys), problems);
        Canary.assertAbsent("the problems", problems.toString());
        return problems;
    }

    @Test
    void awsFormNamesTheBucketAsHostAndTheRegionInTheQuery() {
        S3Settings s = valid("s3://" + CREDENTIALS + "assets?region=eu-west-1");
        assertTrue(s.aws());
        assertEquals(Optional.empty(), s.endpoint());
        assertEquals("assets", s.bucket());
        assertEquals("eu-west-1", s.region());
        assertFalse(s.pathStyle(), "AWS: virtual-hosted style");
        assertEquals(Optional.of(ACCESS), s.accessKey());
        assertEquals(Optional.of(Canary.PASSWORD), s.secretKey());
        assertFalse(s.checksumsWhenRequired(), "AWS: the SDK's checksums");
        assertEquals("s3://assets", s.location());
        assertEquals("S3Settings[s3://assets, region eu-west-1, access key AKIAEXAMPLE, secret key ***, "
                + "connect-timeout 2s, socket-timeout 30s, max-connections 50, checksums when-supported]",
                s.toString());
    }

    @Test
    void compatibleFormNamesTheEndpointAndTheBucketAsPath() {
        S3Settings s = valid("https://" + CREDENTIALS + "minio.internal:9000/assets");
        assertFalse(s.aws());
        assertEquals(Optional.of(URI.create("https://minio.internal:9000")), s.endpoint());
        assertEquals("assets", s.bucket());
        assertEquals("us-east-1", s.region(), "a store that does not care about regions signs for us-east-1");
        assertTrue(s.pathStyle(), "S3-compatible: path-style");
        assertTrue(s.checksumsWhenRequired(), "S3-compatible: checksums only where S3 requires them");
        assertEquals("https://minio.internal:9000/assets", s.location());

        S3Settings plain = valid("http://" + CREDENTIALS + "127.0.0.1:9000/assets/");
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), plain.endpoint());
        assertEquals("assets", plain.bucket());
        assertEquals(Optional.of(URI.create("https://s3.example.com")),
                valid("https://s3.example.com/assets").endpoint());
    }

    @Test
    void keysOverrideTheUrl() {
        S3Settings s = valid("s3://" + CREDENTIALS + "assets?region=eu-west-1&path-style=true",
                "region", "us-west-2", "path-style", "false", "bucket", "assets-restored");
        assertEquals("us-west-2", s.region());
        assertFalse(s.pathStyle());
        assertEquals("assets-restored", s.bucket());

        S3Settings compatible = valid("https://minio:9000/assets?path-style=false&region=garage", "region", "auto");
        assertFalse(compatible.pathStyle(), "the url's path-style");
        assertEquals("auto", compatible.region(), "the key's region");

        S3Settings bucketFromKey = valid("https://minio:9000", "bucket", "assets");
        assertEquals("assets", bucketFromKey.bucket());
    }

    @Test
    void credentialsComeFromTheUrlOrTheKeysOrTheDefaultChain() {
        S3Settings fromKeys = valid("s3://assets?region=eu-west-1", "username", ACCESS, "password", Canary.PASSWORD);
        assertEquals(Optional.of(ACCESS), fromKeys.accessKey());
        assertEquals(Optional.of(Canary.PASSWORD), fromKeys.secretKey());

        S3Settings none = valid("s3://assets?region=eu-west-1");
        assertEquals(Optional.empty(), none.accessKey());
        assertTrue(none.toString().contains("default credentials"), none.toString());
    }

    @Test
    void readsTheClientKeys() {
        S3Settings s = valid("https://minio:9000/assets", "connect-timeout", "500ms", "socket-timeout", "1m",
                "call-timeout", "PT30S", "max-connections", "8", "checksums", "when-supported");
        assertEquals(Duration.ofMillis(500), s.connectTimeout());
        assertEquals(Duration.ofMinutes(1), s.socketTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(30)), s.callTimeout());
        assertEquals(8, s.maxConnections());
        assertFalse(s.checksumsWhenRequired());
        assertTrue(valid("s3://assets?region=eu-west-1", "checksums", "WHEN-REQUIRED").checksumsWhenRequired());
    }

    @Test
    void acceptsRegionsAsAwsAndOtherStoresNameThem() {
        assertEquals("ap-southeast-2", valid("s3://assets?region=ap-southeast-2").region());
        assertEquals("us-gov-west-1", valid("s3://assets?region=us-gov-west-1").region());
        assertEquals("eu-south-9", valid("s3://assets?region=eu-south-9").region(), "a region newer than the SDK");
        assertEquals("garage", valid("https://garage:3900/assets", "region", "garage").region());
        assertEquals("zone_group-1", valid("https://ceph/assets?region=zone_group-1").region());
    }

    @Test
    void aSchemeThatIsNotS3() {
        assertEquals(List.of("url: scheme 'ftp' does not fit S3 (use s3://bucket?region=... for AWS, or "
                + "https://host:port/bucket for an S3-compatible store)"), problems("ftp://host/assets"));
    }

    @Test
    void aMissingBucket() {
        assertEquals(List.of("bucket: none is given (write it in the url, https://host:9000/bucket, or set "
                + "attached.assets.bucket)"), problems("https://minio:9000"));
        assertEquals(List.of("bucket: none is given (write it in the url, https://host:9000/bucket, or set "
                + "attached.assets.bucket)"), problems("https://minio:9000/"));
    }

    @Test
    void aBadBucketName() {
        String rule = " is not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens, starting and "
                + "ending with a letter or digit)";
        assertEquals(List.of("url: 'Bad_Bucket'" + rule), problems("s3://Bad_Bucket?region=eu-west-1"));
        assertEquals(List.of("url: 'x'" + rule), problems("https://minio:9000/x"));
        assertEquals(List.of("bucket: 'assets-'" + rule), problems("https://minio:9000", "bucket", "assets-"));
        assertEquals(List.of("bucket: '192.168.1.1'" + rule),
                problems("https://minio:9000", "bucket", "192.168.1.1"));
    }

    @Test
    void aMissingOrBadRegion() {
        assertEquals(List.of("region: is required for s3:// (write s3://bucket?region=eu-west-1 or set "
                + "attached.assets.region)"), problems("s3://assets"));
        assertEquals(List.of("url: query parameter region: 'eu-west' is not an AWS region (for example eu-west-1)"),
                problems("s3://assets?region=eu-west"));
        assertEquals(List.of("region: 'Frankfurt' is not an AWS region (for example eu-west-1)"),
                problems("s3://assets?region=eu-west-1", "region", "Frankfurt"));
        assertEquals(List.of("region: 'eu west' is not a region name (letters, digits, '-' and '_', as the store "
                + "names it)"), problems("https://minio:9000/assets", "region", "eu west"));
    }

    @Test
    void aBadPathStyle() {
        assertEquals(List.of("path-style: 'yes' is not true or false"),
                problems("https://minio:9000/assets", "path-style", "yes"));
        assertEquals(List.of("url: query parameter path-style: 'maybe' is not true or false"),
                problems("https://minio:9000/assets?path-style=maybe"));
    }

    @Test
    void urlPartsThatAreNotRead() {
        assertEquals(List.of("url: path '/a/b' is more than a bucket (write https://host:port/bucket; key "
                + "prefixes are the application's)"), problems("https://minio:9000/a/b"));
        assertEquals(List.of("url: path '/images' is not read: s3:// names a bucket only (key prefixes are the "
                + "application's)"), problems("s3://assets/images?region=eu-west-1"));
        assertEquals(List.of("url: s3:// names a bucket, not a host and port (for an S3-compatible store write "
                + "https://host:port/bucket)"), problems("s3://assets:9000?region=eu-west-1"));
        assertEquals(List.of("url: query parameter 'sslmode' is not read (the url may set region and path-style; "
                + "other options are keys under attached.assets.)"),
                problems("https://minio:9000/assets?sslmode=require"));
        assertEquals(List.of("url: query parameter 'region' is given twice"),
                problems("s3://assets?region=eu-west-1&region=eu-west-2"));
        assertEquals(List.of("url: names no host (write https://host:9000/bucket)"), problems("https:///assets"));
    }

    @Test
    void halfOfTheCredentials() {
        assertEquals(List.of("password: the secret key is missing, and the access key needs one (write "
                + "s3://access-key:secret-key@... or set attached.assets.password)"),
                problems("s3://assets?region=eu-west-1", "username", ACCESS));
        assertEquals(List.of("username: the access key is missing, and the secret key needs one (write "
                + "https://access-key:secret-key@... or set attached.assets.username)"),
                problems("https://minio:9000/assets", "password", Canary.PASSWORD));
    }

    @Test
    void badClientKeys() {
        assertEquals(List.of("connect-timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)",
                "socket-timeout: must be more than 0, but is '0s'", "call-timeout: must be at most 24h, but is '25h'",
                "max-connections: '0' is not a whole number from 1 to 10000",
                "checksums: 'always' is not when-supported or when-required"),
                problems("https://minio:9000/assets", "connect-timeout", "soon", "socket-timeout", "0s",
                        "call-timeout", "25h", "max-connections", "0", "checksums", "always"));
    }

    @Test
    void everyProblemAtOnce() {
        List<String> problems = problems("s3://" + CREDENTIALS + "Bad_Bucket/x?region=mars&colour=blue",
                "path-style", "perhaps", "max-connections", "many");
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.matches("^(url|region|path-style|max-connections): .*")
                || p.startsWith("url: query parameter")), problems.toString());
    }
}
