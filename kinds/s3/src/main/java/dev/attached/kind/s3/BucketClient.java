package dev.attached.kind.s3;

import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One generation of an S3 resource: its own {@link S3Client} (with its own connection pool), the bucket it serves,
 * and the response streams it has handed out. Built without touching the network.
 */
final class BucketClient implements AttachedBucket {

    /**
     * No {@code ~/.aws/config} for the client's settings (endpoint, retries, checksums): what the handle says is what
     * a generation is built from. The default credentials chain, when used, still reads its own files.
     */
    private static final ProfileFile NO_PROFILE = ProfileFile.builder().content("")
            .type(ProfileFile.Type.CONFIGURATION).build();

    private final S3Settings settings;
    private final S3Client client;
    private final Optional<SdkAutoCloseable> ownCredentials;
    private final OpenStreams streams = new OpenStreams();
    private final String detachedMessage;

    private BucketClient(S3Settings settings, S3Client client, Optional<SdkAutoCloseable> ownCredentials,
            String detachedMessage) {
        this.settings = settings;
        this.client = client;
        this.ownCredentials = ownCredentials;
        this.detachedMessage = detachedMessage;
    }

    /**
     * Builds the generation's client: static credentials and the region from the handle, so the SDK reads neither
     * the environment's credentials chain nor its region chain; the SDK's default credentials chain only when the
     * handle has no credentials (an IAM role).
     */
    static BucketClient open(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(),
                        settings.secretKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(settings.checksumsWhenRequired()
                        ? RequestChecksumCalculation.WHEN_REQUIRED
                        : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(settings.checksumsWhenRequired()
                        ? ResponseChecksumValidation.WHEN_REQUIRED
                        : ResponseChecksumValidation.WHEN_SUPPORTED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.socketTimeout())
                        .maxConnections(settings.maxConnections()))
                .overrideConfiguration(o -> {
                    o.defaultProfileFile(NO_PROFILE);
                    settings.callTimeout().ifPresent(o::apiCallTimeout);
                });
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new BucketClient(settings, builder.build(),
                credentials instanceof SdkAutoCloseable closeable ? Optional.of(closeable) : Optional.empty(), null);
    }

    /** What a detached resource's calls reach: a client and a bucket whose every use throws {@code message}. */
    static BucketClient detached(String message) {
        return new BucketClient(null, DetachedS3Client.create(message), Optional.empty(), message);
    }

    S3Settings settings() {
        return settings;
    }

    S3Client client() {
        return client;
    }

    OpenStreams streams() {
        return streams;
    }

    /** The bucket a request without one goes to; null while detached (the detached client refuses every call). */
    String defaultBucket() {
        return settings == null ? null : settings.bucket();
    }

    /** The attached bucket; throws the SDK's exception while detached. */
    @Override
    public String name() {
        if (detachedMessage != null) {
            throw SdkClientException.create(detachedMessage);
        }
        return settings.bucket();
    }

    /** Closes the client and its connection pool, cutting any stream still open, and credentials it created. */
    void close() {
        try {
            client.close();
        } finally {
            ownCredentials.ifPresent(SdkAutoCloseable::close);
        }
    }

    @Override
    public String toString() {
        return detachedMessage != null
                ? "detached S3 bucket"
                : "S3 bucket " + settings.location() + " (region " + settings.region()
                        + (settings.pathStyle() ? ", path-style" : "") + ")";
    }
}
