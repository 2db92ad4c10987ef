package dev.attached.kind.s3.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;

import dev.attached.kind.testkit.Canary;

/**
 * A real S3 implementation on 127.0.0.1: S3Proxy over jclouds' in-memory {@code transient} blob store, checking AWS
 * signatures (V2 and V4) against {@link #ACCESS_KEY} and the canary password as secret key, so wrong credentials are
 * refused with 403. The test looks at the store's content through the blob store itself, not through S3.
 */
public final class TestStore implements AutoCloseable {

    /** The access key id every store accepts; the secret key is {@link Canary#PASSWORD}. */
    public static final String ACCESS_KEY = "attached-test";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final String bucket;
    private final int port;

    private TestStore(int port, String bucket) {
        this(port, bucket, Canary.PASSWORD);
    }

    private TestStore(int port, String bucket, String secretKey) {
        this.context = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                .overrides(new Properties()).build(BlobStoreContext.class);
        this.bucket = bucket;
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secretKey)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        this.port = proxy.getPort();
        blobs().createContainerInLocation(null, bucket);
    }

    /** A store on a free port with one empty bucket. */
    public static TestStore start(String bucket) {
        return new TestStore(0, bucket);
    }

    /** A store on a free port with one empty bucket, whose secret key is {@code secretKey}. */
    public static TestStore withSecretKey(String bucket, String secretKey) {
        return new TestStore(0, bucket, secretKey);
    }

    /** A store on {@code port} (one a test chose before, to start the store later) with one empty bucket. */
    public static TestStore startOn(int port, String bucket) {
        return new TestStore(port, bucket);
    }

    public int port() {
        return port;
    }

    public String bucket() {
        return bucket;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>/<bucket>}: the url without credentials. */
    public String url() {
        return endpoint() + "/" + bucket;
    }

    /** {@code http://attached-test:<canary>@127.0.0.1:<port>/<bucket>}. */
    public String urlWithCredentials() {
        return urlWithCredentials(port, bucket);
    }

    /** The url with the credentials every store accepts, for {@code port}, where no store need listen. */
    public static String urlWithCredentials(int port, String bucket) {
        return "http://" + ACCESS_KEY + ":" + Canary.PASSWORD + "@127.0.0.1:" + port + "/" + bucket;
    }

    /** Writes an object straight into the bucket. */
    public void put(String key, String content) {
        put(key, content.getBytes(StandardCharsets.UTF_8));
    }

    public void put(String key, byte[] content) {
        blobs().putBlob(bucket, blobs().blobBuilder(key).payload(content).build());
    }

    /** Every object of the bucket, key to content. */
    public Map<String, String> objects() {
        Map<String, String> objects = new TreeMap<>();
        String marker = null;
        do {
            ListContainerOptions options = ListContainerOptions.Builder.recursive();
            if (marker != null) {
                options.afterMarker(marker);
            }
            PageSet<? extends StorageMetadata> page = blobs().list(bucket, options);
            for (StorageMetadata object : page) {
                objects.put(object.getName(), content(object.getName()));
            }
            marker = page.getNextMarker();
        } while (marker != null);
        return objects;
    }

    /** Removes every object of the bucket. */
    public void clear() {
        blobs().clearContainer(bucket);
    }

    private String content(String key) {
        Blob blob = blobs().getBlob(bucket, key);
        try (InputStream in = blob.getPayload().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlobStore blobs() {
        return context.getBlobStore();
    }

    /** Stops serving: connections to its port are refused from now on. The content stays until {@link #close()}. */
    public void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }

    @Override
    public void close() {
        try {
            if (!"STOPPED".equals(proxy.getState())) {
                stop();
            }
        } finally {
            context.close();
        }
    }
}
