package dev.attached.kind.s3;

/**
 * The bucket of an S3 resource, for code that needs its name: a log line, a presigned URL built by hand, a copy from
 * another bucket. Inject it next to the client:
 *
 * <pre>
 * &#64;Inject &#64;AttachedResource("assets") S3Client assets;
 * &#64;Inject &#64;AttachedResource("assets") AttachedBucket bucket;
 *
 * assets.putObject(b -&gt; b.key("logo.png"), RequestBody.fromBytes(png)); // goes to the attached bucket
 * log.info("stored in " + bucket.name());
 * </pre>
 *
 * A request sent through the injected {@code S3Client} without a bucket goes to the attached bucket, read from the same
 * generation as the client that sends it; that is the way to use it, since a swap between two stores with different
 * bucket names can come between reading {@link #name()} and sending a request that names it. While the resource is
 * detached, {@link #name()} throws the SDK's {@code SdkClientException} naming the key to set.
 */
public interface AttachedBucket {

    /** The bucket's name, as configured now (the url's, or {@code attached.<name>.bucket}). */
    String name();
}
