package dev.attached.kind.s3;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.attached.ResourceHandle;
import dev.attached.spi.Current;
import dev.attached.spi.ResourceKind;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 as an attached resource: inject the AWS SDK for Java v2 {@link S3Client}, and {@link AttachedBucket} where the
 * bucket's name is needed,
 *
 * <pre>
 * &#64;Inject &#64;AttachedResource("assets") S3Client assets;
 *
 * assets.putObject(b -&gt; b.key("logo.png"), RequestBody.fromBytes(png)); // no bucket: the attached one
 * </pre>
 *
 * configured by {@code attached.assets.url=s3://access-key:secret-key@bucket?region=eu-west-1} (AWS) or
 * {@code https://access-key:secret-key@minio.internal:9000/bucket} (an S3-compatible store); see {@link S3Settings}
 * for the keys. Each generation is one client with its own connection pool ({@link BucketClient}); the readiness
 * probe is {@code HeadBucket} ({@link BucketProbe}).
 */
public final class S3Kind implements ResourceKind<S3Settings, BucketClient> {

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public Class<BucketClient> type() {
        return BucketClient.class;
    }

    @Override
    public Set<Type> types() {
        return Set.of(S3Client.class, AttachedBucket.class);
    }

    @Override
    public Set<String> keys() {
        return S3Settings.KEYS;
    }

    @Override
    public S3Settings configure(ResourceHandle handle, List<String> problems) {
        return S3Settings.read(handle, problems);
    }

    /** Builds the client; nothing is sent until the first call or probe. */
    @Override
    public BucketClient open(S3Settings settings) {
        return BucketClient.open(settings);
    }

    @Override
    public Map<String, Object> probe(BucketClient resource, Duration timeout) {
        return BucketProbe.probe(resource, timeout);
    }

    /** Response streams handed out and not yet closed: they read from the generation's connections. */
    @Override
    public int inUse(BucketClient resource) {
        return resource.streams().count();
    }

    @Override
    public void retiring(BucketClient resource, Runnable released) {
        resource.streams().onRelease(released);
    }

    @Override
    public void close(BucketClient resource) {
        resource.close();
    }

    /** The generation's client for {@link S3Client}, the generation itself for {@link AttachedBucket}. */
    @Override
    public Object view(BucketClient resource, Type type) {
        return type == S3Client.class ? resource.client() : resource;
    }

    /** The kind's own reference for {@link S3Client}; {@link AttachedBucket} gets Attached's proxy. */
    @Override
    public Object reference(Type type, Current<BucketClient> current) {
        return type == S3Client.class ? SwapAwareS3Client.create(current) : null;
    }

    @Override
    public BucketClient detached(String message) {
        return BucketClient.detached(message);
    }
}
