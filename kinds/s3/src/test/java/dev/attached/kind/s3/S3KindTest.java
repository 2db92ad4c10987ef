package dev.attached.kind.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attached.kind.s3.testing.OneGeneration;
import dev.attached.kind.s3.testing.TestStore;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.TestHandle;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The kind called directly, without Attached's engine, against real S3 stores (S3Proxy): open, probe, the injected
 * reference's bucket filling, paginators and held response streams, close, the detached stand-in.
 */
class S3KindTest {

    /** The timeout of probes that are to fail by it. */
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    /** The timeout of probes the store answers: generous, since a machine shared with other builds can be slow. */
    private static final Duration ANSWERED = Duration.ofSeconds(10);
    private static final S3Kind KIND = new S3Kind();

    private static TestStore store;

    @BeforeAll
    static void startStore() {
        store = TestStore.start("assets");
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @BeforeEach
    void emptyBucket() {
        store.clear();
    }

    static BucketClient open(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        S3Settings settings = KIND.configure(TestHandle.of("assets", url, keys), problems);
        assertEquals(List.of(), problems);
        return KIND.open(settings);
    }

    static String message(Throwable error) {
        Canary.assertAbsent("a failure", error.toString());
        return error.getMessage();
    }

    /** A probe that is to fail within {@link #TIMEOUT}: its failure, and how long the probe took. */
    private record FailedProbe(SdkClientException error, long millis) {

        /** Opens a generation for {@code url}, probes it, closes it. */
        static FailedProbe at(String url) {
            BucketClient generation = open(url);
            try {
                long start = System.nanoTime();
                SdkClientException error = assertThrows(SdkClientException.class,
                        () -> KIND.probe(generation, TIMEOUT));
                return new FailedProbe(error, (System.nanoTime() - start) / 1_000_000);
            } finally {
                KIND.close(generation);
            }
        }
    }

    @Test
    void probeIsUpWithTheBucketAndRoundTrip() {
        BucketClient generation = open(store.urlWithCredentials());
        try {
            Map<String, Object> data = KIND.probe(generation, ANSWERED);
            assertEquals("assets", data.get("bucket"));
            assertEquals("us-east-1", data.get("region"));
            assertTrue(data.containsKey("head-bucket-millis"), data.toString());
        } finally {
            KIND.close(generation);
        }
    }

    @Test
    void wrongSecretKeyIsDownAsDenied() {
        BucketClient generation = open("http://" + TestStore.ACCESS_KEY + ":wrong-" + Canary.PASSWORD + "@127.0.0.1:"
                + store.port() + "/assets");
        try {
            SdkClientException down = assertThrows(SdkClientException.class, () -> KIND.probe(generation, ANSWERED));
            assertEquals("access to bucket 'assets' at " + store.endpoint() + " is denied (HeadBucket answered 403):"
                    + " the access key or secret key is wrong, or the key may not read this bucket", message(down));
        } finally {
            KIND.close(generation);
        }
    }

    @Test
    void missingBucketIsDownAsMissing() {
        BucketClient generation = open(store.endpoint(), "bucket", "no-such-bucket", "username",
                TestStore.ACCESS_KEY, "password", Canary.PASSWORD);
        try {
            SdkClientException down = assertThrows(SdkClientException.class, () -> KIND.probe(generation, ANSWERED));
            assertEquals("bucket 'no-such-bucket' does not exist at " + store.endpoint() + " (HeadBucket answered 404)",
                    message(down));
        } finally {
            KIND.close(generation);
        }
    }

    @Test
    void stoppedStoreIsDownAsUnreachableWithinTheTimeout() {
        int refused = Ports.free();
        FailedProbe probe = FailedProbe.at(TestStore.urlWithCredentials(refused, "assets"));
        SdkClientException down = probe.error();
        long millis = probe.millis();
        assertTrue(message(down).startsWith("S3 at http://127.0.0.1:" + refused + " cannot be reached: "),
                down.getMessage());
        assertTrue(down.getMessage().contains("refused"), down.getMessage());
        assertTrue(millis < TIMEOUT.toMillis() + 2000, "took " + millis + " ms");
        System.out.printf("[s3] probe of a stopped store: DOWN after %d ms (%s)%n", millis, down.getMessage());
    }

    @Test
    void silentServerIsDownAtTheTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            FailedProbe probe = FailedProbe.at(TestStore.urlWithCredentials(silent.port(), "assets"));
            SdkClientException down = probe.error();
            long millis = probe.millis();
            assertEquals("S3 at http://127.0.0.1:" + silent.port() + " did not answer HeadBucket of bucket "
                    + "'assets' within 800ms", message(down));
            assertTrue(millis >= TIMEOUT.toMillis() - 50 && millis < TIMEOUT.toMillis() + 2000,
                    "took " + millis + " ms");
            assertTrue(silent.accepted() >= 1, "the probe did connect");
            System.out.printf("[s3] probe of a silent server, timeout 800 ms: DOWN after %d ms%n", millis);
        }
    }

    @Test
    void openingSendsNothing() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            BucketClient generation = open(TestStore.urlWithCredentials(silent.port(), "assets"));
            KIND.close(generation);
            assertEquals(0, silent.accepted());
        }
    }

    /**
     * What the SDK would otherwise find by itself (here as the system properties its chains read first, as they would
     * read AWS_ACCESS_KEY_ID, AWS_REGION, AWS_ENDPOINT_URL_S3) does not change a generation the handle describes.
     */
    @Test
    void theHandleWinsOverTheSdksOwnSettings() {
        try (SdkProperties sdk = new SdkProperties("aws.accessKeyId", "someone-else", "aws.secretAccessKey",
                "not-the-canary", "aws.region", "eu-central-1", "aws.endpointUrlS3", "http://127.0.0.1:1",
                "aws.endpointUrl", "http://127.0.0.1:1")) {
            BucketClient generation = open(store.urlWithCredentials());
            try {
                assertEquals("us-east-1", KIND.probe(generation, ANSWERED).get("region"));
                S3Client s3 = SwapAwareS3Client.create(new OneGeneration<>(() -> generation));
                s3.putObject(b -> b.key("k"), RequestBody.fromString("v"));
                assertEquals(Map.of("k", "v"), store.objects());
            } finally {
                KIND.close(generation);
            }
        }
    }

    /** A handle without credentials leaves them to the SDK's default chain (an IAM role, the environment). */
    @Test
    void withoutCredentialsTheSdksDefaultChainIsUsed() {
        try (SdkProperties sdk = new SdkProperties("aws.accessKeyId", TestStore.ACCESS_KEY, "aws.secretAccessKey",
                Canary.PASSWORD)) {
            BucketClient generation = open(store.url());
            try {
                assertEquals("assets", KIND.probe(generation, ANSWERED).get("bucket"));
            } finally {
                KIND.close(generation);
            }
        }
    }

    @Test
    void requestsWithoutABucketGoToTheAttachedOne() {
        BucketClient generation = open(store.urlWithCredentials());
        try {
            S3Client s3 = SwapAwareS3Client.create(new OneGeneration<>(() -> generation));
            s3.putObject(b -> b.key("greeting"), RequestBody.fromString("hello"));
            s3.copyObject(b -> b.sourceKey("greeting").destinationKey("copy"));
            assertEquals("hello", s3.getObjectAsBytes(b -> b.key("copy")).asUtf8String());
            assertEquals(Map.of("greeting", "hello", "copy", "hello"), store.objects());
            assertEquals(List.of("copy", "greeting"),
                    s3.listObjectsV2(b -> b.prefix("")).contents().stream().map(S3Object::key).toList());
        } finally {
            KIND.close(generation);
        }
    }

    @Test
    void paginatorsSendEachPageThroughTheCurrentGeneration() {
        try (TestStore other = TestStore.start("assets-b")) {
            for (int i = 0; i < 5; i++) {
                store.put("a-" + i, "a");
                other.put("b-" + i, "b");
            }
            BucketClient first = open(store.urlWithCredentials());
            BucketClient second = open(other.urlWithCredentials());
            AtomicReference<BucketClient> current = new AtomicReference<>(first);
            OneGeneration<BucketClient> generation = new OneGeneration<>(current::get);
            S3Client s3 = SwapAwareS3Client.create(generation);
            try {
                var pages = s3.listObjectsV2Paginator(b -> b.maxKeys(2));
                assertEquals(0, generation.entered(), "building the iterable sends nothing");
                current.set(second); // a swap between building the iterable and iterating it
                List<String> keys = pages.contents().stream().map(S3Object::key).toList();
                assertEquals(List.of("b-0", "b-1", "b-2", "b-3", "b-4"), keys);
                assertEquals(3, generation.entered(), "one entry per page");
                assertNotNull(s3.waiter());
                s3.waiter().waitUntilObjectExists(b -> b.key("b-4"));
            } finally {
                KIND.close(first);
                KIND.close(second);
            }
        }
    }

    @Test
    void aResponseStreamIsInUseUntilClosed() throws Exception {
        byte[] content = randomBytes(8 << 20);
        store.put("big", content);
        BucketClient generation = open(store.urlWithCredentials());
        try {
            AtomicInteger released = new AtomicInteger();
            KIND.retiring(generation, released::incrementAndGet);
            OneGeneration<BucketClient> current = new OneGeneration<>(() -> generation);
            S3Client s3 = SwapAwareS3Client.create(current);
            ResponseInputStream<GetObjectResponse> stream = s3.getObject(b -> b.key("big"));
            assertEquals(0, current.inside(), "the call itself has returned");
            assertEquals(1, KIND.inUse(generation), "its stream is still out");
            assertEquals(content.length, stream.response().contentLength());
            byte[] read = stream.readAllBytes();
            assertEquals(1, KIND.inUse(generation), "read to the end, but not closed");
            stream.close();
            stream.close();
            assertArrayEquals(content, read);
            assertEquals(0, KIND.inUse(generation));
            assertEquals(1, released.get(), "given back once");

            ResponseInputStream<GetObjectResponse> aborted = s3.getObject(b -> b.key("big"));
            assertEquals(1, KIND.inUse(generation));
            aborted.abort();
            assertEquals(0, KIND.inUse(generation));
            assertEquals(2, released.get());
        } finally {
            KIND.close(generation);
        }
    }

    /**
     * Why the kind holds a generation while a stream is open: closing the SDK client (its Apache HttpClient 5 pool)
     * cuts a response stream still being read.
     */
    @Test
    void closingAClientCutsItsOpenStreams() throws Exception {
        store.put("big", randomBytes(8 << 20));
        BucketClient generation = open(store.urlWithCredentials());
        ResponseInputStream<GetObjectResponse> stream = generation.client()
                .getObject(b -> b.bucket("assets").key("big"));
        assertEquals(1024, stream.readNBytes(1024).length);
        KIND.close(generation);
        assertThrows(IOException.class, () -> drain(stream));
    }

    @Test
    void closeOfTheReferenceIsIgnored() {
        BucketClient generation = open(store.urlWithCredentials());
        try {
            S3Client s3 = SwapAwareS3Client.create(new OneGeneration<>(() -> generation));
            s3.close();
            s3.putObject(b -> b.key("after-close"), RequestBody.fromString("still open"));
            assertEquals("still open", store.objects().get("after-close"));
            assertTrue(s3.toString().startsWith("@AttachedResource(\"assets\") S3Client at S3 bucket "
                    + store.url()), s3.toString());
        } finally {
            KIND.close(generation);
        }
    }

    @Test
    void detachedFailsEveryCallWithTheMessage() {
        BucketClient detached = KIND.detached("ATTACHED-106: resource 'assets' is detached");
        S3Client s3 = (S3Client) KIND.view(detached, S3Client.class);
        SdkClientException put = assertThrows(SdkClientException.class,
                () -> s3.putObject(b -> b.bucket("assets").key("k"), RequestBody.fromString("v")));
        assertEquals("ATTACHED-106: resource 'assets' is detached", put.getMessage());
        assertThrows(SdkClientException.class, () -> ((AttachedBucket) KIND.view(detached, AttachedBucket.class))
                .name());
        S3Client reference = SwapAwareS3Client.create(new OneGeneration<>(() -> detached));
        assertThrows(SdkClientException.class, () -> reference.headBucket(b -> {
        }));
        assertSame(detached, KIND.view(detached, AttachedBucket.class));
        KIND.close(detached);
    }

    /** System properties the SDK reads, set for one test. */
    private static final class SdkProperties implements AutoCloseable {

        private final Map<String, String> set = new java.util.LinkedHashMap<>();

        SdkProperties(String... keyValues) {
            for (int i = 0; i < keyValues.length; i += 2) {
                set.put(keyValues[i], keyValues[i + 1]);
                System.setProperty(keyValues[i], keyValues[i + 1]);
            }
        }

        @Override
        public void close() {
            set.keySet().forEach(System::clearProperty);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 << 10];
        while (in.read(buffer) >= 0) {
            // until the end, or the cut
        }
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
