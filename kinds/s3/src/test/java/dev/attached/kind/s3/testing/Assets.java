package dev.attached.kind.s3.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.kind.s3.AttachedBucket;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** An application bean that stores files in the attached bucket, as an application would. */
@ApplicationScoped
public class Assets {

    @Inject
    @AttachedResource("assets")
    S3Client s3;

    @Inject
    @AttachedResource("assets")
    AttachedBucket bucket;

    @Inject
    @AttachedResource("assets")
    ResourceHandle handle;

    public S3Client s3() {
        return s3;
    }

    public AttachedBucket bucket() {
        return bucket;
    }

    public ResourceHandle handle() {
        return handle;
    }

    /** Stores {@code content} under {@code key} in the attached bucket: the request names no bucket. */
    public void put(String key, String content) {
        s3.putObject(b -> b.key(key), RequestBody.fromString(content));
    }

    /** The content of {@code key} in the attached bucket. */
    public String get(String key) {
        return s3.getObjectAsBytes(b -> b.key(key)).asUtf8String();
    }
}
