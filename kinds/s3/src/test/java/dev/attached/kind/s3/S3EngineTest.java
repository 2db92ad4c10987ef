package dev.attached.kind.s3;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.kind.s3.testing.Assets;
import dev.attached.kind.s3.testing.SwapClock;
import dev.attached.kind.s3.testing.TestStore;
import dev.attached.kind.s3.testing.TransferLoad;
import dev.attached.kind.s3.testing.TwoStores;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.SwapRecorder;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The kind inside Attached's engine (Weld SE, SmallRye Config, SmallRye Health) against real S3 stores (S3Proxy):
 * injection, readiness, a swap under load through the change signal, a response stream across a swap, failed swaps,
 * detach and attach. Every application here captures all logging at every level and fails if the canary secret key
 * shows up.
 */
class S3EngineTest {

    private static final String URL = "attached.assets.url";
    private static final Pattern DRAINED = Pattern
            .compile("ATTACHED-104: assets generation 1 at \\S+ drained in (\\d+) ms");

    @RegisterExtension
    static final TwoStores stores = new TwoStores();

    @BeforeEach
    void emptyStores() {
        stores.clear();
    }

    /** Store {@code store}'s url, credentials as keys, a short settle so the change signal applies soon. */
    static Map<String, String> config(TestStore store, String... more) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(URL, store.url());
        config.put("attached.assets.username", TestStore.ACCESS_KEY);
        config.put("attached.assets.password", Canary.PASSWORD);
        config.put("attached.assets.health.timeout", "5s"); // a new generation's probe, on a busy machine
        config.put("attached.assets.drain-timeout", "20s");
        config.put("attached.change-settle", "100ms");
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    static TestApp start(Map<String, String> config) {
        return TestApp.with(config).beans(Assets.class, SwapRecorder.class).start();
    }

    @Test
    void injectsTheClientThatPutsAndGetsInTheAttachedBucket() {
        Map<String, String> config = config(stores.a());
        config.put(URL, stores.a().urlWithCredentials());
        try (TestApp app = start(config)) {
            Assets assets = app.select(Assets.class);
            assets.put("greeting", "hello");
            assertEquals("hello", assets.get("greeting"));
            assertEquals(Map.of("greeting", "hello"), stores.a().objects());
            assertEquals("assets-a", assets.bucket().name());
            assertEquals(stores.a().url(), assets.handle().uri().toString());

            HealthCheckResponse readiness = app.readinessResponse("assets");
            assertEquals(HealthCheckResponse.Status.UP, readiness.getStatus(), readiness.getData().toString());
            Map<String, Object> data = readiness.getData().orElseThrow();
            assertEquals("s3", data.get("kind"));
            assertEquals(stores.a().url(), data.get("location"));
            assertEquals(1L, ((Number) data.get("generation")).longValue());
            assertEquals("assets-a", data.get("bucket"));
            assertEquals("us-east-1", data.get("region"));
            ResourceStatus status = app.resources().status("assets");
            assertEquals("s3", status.kind());
            assertEquals(ResourceState.ATTACHED, status.state());
            Canary.assertAbsent("the readiness JSON", app.readiness().toString());
            Canary.assertAbsent("the status", status.toString());
        }
    }

    @Test
    void swapUnderLoadFromEightThreadsFailsNothing() throws Exception {
        for (int i = 0; i < TransferLoad.SHARED; i++) {
            stores.a().put(TransferLoad.shared(i), "A");
            stores.b().put(TransferLoad.shared(i), "B");
        }
        try (TestApp app = TestApp.with(config(stores.a())).beans(Assets.class, SwapRecorder.class, SwapClock.class)
                .start();
                TransferLoad load = new TransferLoad(app.select(Assets.class), 8)) {
            SwapRecorder swaps = app.select(SwapRecorder.class);
            SwapClock clock = app.select(SwapClock.class);
            load.awaitCalls(50); // warmed up
            double before = load.callsPerSecond(150);

            long signalled = System.nanoTime();
            TestConfigSource.set(URL, stores.b().url());
            await().atMost(60, SECONDS).until(() -> clock.swappedNanos() != 0 || !swaps.failed().isEmpty()
                    || !load.failures().isEmpty());
            long swappedAt = clock.swappedNanos();
            double after = load.callsPerSecond(150);
            load.close();
            long drained = await().atMost(30, SECONDS).until(() -> drainMillis(app), d -> d >= 0);

            Map<String, String> onA = stores.a().objects();
            Map<String, String> onB = stores.b().objects();
            System.out.printf("[s3] swap under load, 8 threads, a put and a get per call: %d operations, %d failed;"
                    + " %d ms from the change signal to ResourceSwapped (change-settle 100 ms included); old"
                    + " generation drained %d ms after the swap; %.0f calls/s before, %.0f calls/s after;"
                    + " %d objects written to A, %d to B%n", 2 * load.calls(), load.failures().size(),
                    TimeUnit.NANOSECONDS.toMillis(swappedAt - signalled), drained, before, after,
                    onA.size() - TransferLoad.SHARED, onB.size() - TransferLoad.SHARED);
            assertEquals(List.of(), swaps.failed());
            assertEquals(2, swaps.swapped().get(0).generation());
            assertEquals(List.of(), load.failures().stream().map(Throwable::toString).toList());

            Set<String> both = new HashSet<>(onA.keySet());
            both.retainAll(onB.keySet());
            assertEquals(Set.copyOf(TransferLoad.sharedKeys()), both, "no written object in both stores");
            Set<String> stored = new HashSet<>(onA.keySet());
            stored.addAll(onB.keySet());
            stored.removeAll(TransferLoad.sharedKeys());
            assertEquals(load.written().keySet(), stored, "every object written is in A or B, and nothing else");
            load.written().keySet().forEach(key -> assertEquals(key, onA.getOrDefault(key, onB.get(key))));
            List<String> late = load.startedAfter(swappedAt);
            assertEquals(List.of(), late.stream().filter(onA::containsKey).toList(),
                    "written after the swap, yet in the old store");
            assertEquals(0, load.readsAfter(swappedAt, "A"), "read the old store after the swap");
            assertTrue(late.size() >= 100, "writes after the swap: " + late.size());
            assertEquals(HealthCheckResponse.Status.UP, app.readinessResponse("assets").getStatus());
        }
    }

    @Test
    void aStreamOpenedBeforeASwapIsReadToTheEndOnTheOldStore() throws Exception {
        byte[] big = S3KindTest.randomBytes(8 << 20);
        stores.a().put("big", big);
        stores.b().put("big", "the new store's");
        try (TestApp app = start(config(stores.a()))) {
            Assets assets = app.select(Assets.class);
            ResponseInputStream<GetObjectResponse> stream = assets.s3().getObject(r -> r.key("big"));
            byte[] head = stream.readNBytes(1024);

            TestConfigSource.set(URL, stores.b().url());
            ResourceStatus status = app.resources().refresh("assets");
            assertEquals(2, status.generation(), status.toString());
            assertEquals("the new store's", assets.get("big"), "new calls go to the new store");
            assertEquals(-1, drainMillis(app), "the old generation waits for the open stream");

            byte[] rest = stream.readAllBytes();
            stream.close();
            byte[] read = new byte[head.length + rest.length];
            System.arraycopy(head, 0, read, 0, head.length);
            System.arraycopy(rest, 0, read, head.length, rest.length);
            assertArrayEquals(big, read);
            long drained = await().atMost(10, SECONDS).until(() -> drainMillis(app), d -> d >= 0);
            System.out.printf("[s3] a stream open across a swap: read to the end (%d bytes); the old generation "
                    + "closed after it, %d ms after the swap%n", read.length, drained);
        }
    }

    @Test
    void badCredentialsAtSwapTimeKeepTheOldOneServing() {
        try (TestApp app = start(config(stores.a()))) {
            Assets assets = app.select(Assets.class);
            SwapRecorder swaps = app.select(SwapRecorder.class);
            assets.put("before", "1");

            TestConfigSource.set(URL, stores.b().url(), "attached.assets.password", "wrong-" + Canary.PASSWORD);
            await().atMost(30, SECONDS).until(() -> !swaps.failed().isEmpty());
            ResourceSwapFailed failed = swaps.failed().get(0);
            assertEquals(1, failed.generation());
            assertTrue(failed.error().contains("access to bucket 'assets-b' at " + stores.b().endpoint() + " is denied "
                    + "(HeadBucket answered 403)"), failed.error());
            Canary.assertAbsent("the failure event", failed.toString());
            ResourceStatus status = app.resources().status("assets");
            assertEquals(ResourceState.ATTACHED, status.state());
            assertEquals(1, status.generation());
            assertEquals(stores.a().url(), status.location());
            Canary.assertAbsent("the status", status.toString());
            JsonObject check = app.check("assets");
            assertEquals("UP", check.getString("status"));
            assertTrue(check.getJsonObject("data").getString("last-swap-error").contains("403"), check.toString());

            assets.put("after", "2");
            assertEquals("1", assets.get("before"));
            assertEquals(Map.of("before", "1", "after", "2"), stores.a().objects());
            assertEquals(Map.of(), stores.b().objects());
            assertEquals("assets-a", assets.bucket().name());
            assertEquals(List.of(), swaps.swapped());
        }
    }

    @Test
    void badConfigurationAtSwapTimeNamesTheKeyAndKeepsTheOldOneServing() {
        try (TestApp app = start(config(stores.a()))) {
            Assets assets = app.select(Assets.class);
            TestConfigSource.set("attached.assets.region", "eu west");
            ResourceStatus status = app.resources().refresh("assets");
            assertEquals(1, status.generation());
            assertEquals("ATTACHED-012: attached.assets.region: 'eu west' is not a region name (letters, digits, '-'"
                    + " and '_', as the store names it) (kind s3)", status.lastError().orElseThrow());

            TestConfigSource.remove("attached.assets.region");
            TestConfigSource.set(URL, stores.b().endpoint() + "/no-such-bucket");
            status = app.resources().refresh("assets");
            assertEquals(1, status.generation());
            assertTrue(status.lastError().orElseThrow().contains("bucket 'no-such-bucket' does not exist at "
                    + stores.b().endpoint() + " (HeadBucket answered 404)"), status.toString());

            TestConfigSource.set(URL, "ftp://" + stores.b().endpoint().substring("http://".length()) + "/assets-b");
            status = app.resources().refresh("assets");
            assertEquals(1, status.generation());
            assertTrue(status.lastError().orElseThrow().startsWith("ATTACHED-012: attached.assets.url: scheme 'ftp'"
                    + " does not fit S3"), status.toString());

            assets.put("still", "serving");
            assertEquals(Map.of("still", "serving"), stores.a().objects());

            TestConfigSource.set(URL, stores.b().url());
            status = app.resources().refresh("assets");
            assertEquals(2, status.generation(), status.toString());
            assets.put("now", "on b");
            assertEquals(Map.of("now", "on b"), stores.b().objects());
            assertEquals("assets-b", assets.bucket().name());
        }
    }

    @Test
    void readinessIsDownWithTheReasonWhenTheStoreStops() {
        try (TestStore c = TestStore.start("assets-c");
                TestApp app = start(config(c, "attached.assets.health.timeout", "1s"))) {
            assertEquals(HealthCheckResponse.Status.UP, app.readinessResponse("assets").getStatus());
            c.stop();
            TimedCheck down = TimedCheck.until(app, HealthCheckResponse.Status.DOWN);
            String error = down.error();
            assertTrue(error.contains("S3 at " + c.endpoint() + " cannot be reached: ") && error.contains("refused"),
                    error);
            assertTrue(down.millis() < 1000 + 5000, "took " + down.millis() + " ms");
            System.out.printf("[s3] readiness of a stopped store: DOWN in %d ms: %s%n", down.millis(), error);
        }
    }

    @Test
    void readinessIsDownAtTheTimeoutWhenTheStoreNeverAnswers() throws Exception {
        try (SilentServer silent = new SilentServer();
                TestApp app = start(config(stores.a(), URL, "http://127.0.0.1:" + silent.port() + "/assets-a",
                        "attached.assets.health.timeout", "1s"))) {
            TimedCheck down = TimedCheck.until(app, HealthCheckResponse.Status.DOWN);
            assertTrue(down.error().contains("within 1s"), down.error());
            assertTrue(down.millis() < 1000 + 5000, "took " + down.millis() + " ms");
            assertTrue(silent.accepted() >= 1, "the probe did connect");
            System.out.printf("[s3] readiness of a server that never answers, health.timeout 1s: DOWN in %d ms: %s%n",
                    down.millis(), down.error());
        }
    }

    @Test
    void startsWhileTheStoreIsDownAndTurnsReadyByItself() {
        int port = Ports.free();
        long start = System.nanoTime();
        try (TestApp app = start(config(stores.a(), URL, "http://127.0.0.1:" + port + "/assets-late"))) {
            long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(HealthCheckResponse.Status.DOWN, app.readinessResponse("assets").getStatus());
            Assets assets = app.select(Assets.class);
            assertThrows(SdkClientException.class, () -> assets.put("k", "v"));
            try (TestStore late = TestStore.startOn(port, "assets-late")) {
                await().atMost(30, SECONDS)
                        .until(() -> app.readinessResponse("assets").getStatus() == HealthCheckResponse.Status.UP);
                assets.put("k", "v");
                assertEquals(Map.of("k", "v"), late.objects());
                assertEquals(1, app.resources().status("assets").generation());
            }
            System.out.printf("[s3] start-up with the store down took %d ms (Weld included)%n", startMillis);
        }
    }

    @Test
    void detachesAndAttachesAgain() {
        try (TestApp app = start(config(stores.a()))) {
            Assets assets = app.select(Assets.class);
            TestConfigSource.remove(URL);
            assertEquals(ResourceState.DETACHED, app.resources().refresh("assets").state());
            SdkClientException put = assertThrows(SdkClientException.class, () -> assets.put("k", "v"));
            assertEquals("ATTACHED-106: resource 'assets' is detached: set attached.assets.url to attach it",
                    put.getMessage());
            assertThrows(SdkClientException.class, () -> assets.bucket().name());
            assertEquals(HealthCheckResponse.Status.DOWN, app.readinessResponse("assets").getStatus());

            TestConfigSource.set(URL, stores.b().url());
            ResourceStatus status = app.resources().refresh("assets");
            assertEquals(ResourceState.ATTACHED, status.state());
            assets.put("k", "v");
            assertEquals(Map.of("k", "v"), stores.b().objects());
        }
    }

    @Test
    void badConfigurationFailsDeploymentWithEveryProblemNamingItsKey() {
        Exception failed = assertThrows(Exception.class, () -> start(Map.of(URL, "s3://assets", "attached.assets"
                + ".path-style", "yes", "attached.assets.password", Canary.PASSWORD)).close());
        String message = failed.getMessage();
        for (String problem : List.of("attached.assets.region: is required for s3://",
                "attached.assets.path-style: 'yes' is not true or false",
                "attached.assets.username: the access key is missing")) {
            assertTrue(message.contains(problem), problem + " in " + message);
        }
        Canary.assertAbsent("the deployment failure", failed.toString());
        message.lines().filter(l -> l.contains("ATTACHED-")).forEach(l -> System.out.println("[s3] " + l));
    }

    /** AWS secret keys hold '/' and '+': percent-encoded ('%2F'), they work in the url's userinfo. */
    @Test
    void anAwsStyleSecretKeyWorksPercentEncodedInTheUrl() {
        String secret = "wJalr/K7MDENG+bPxRfi" + Canary.PASSWORD;
        try (TestStore store = TestStore.withSecretKey("assets-aws", secret);
                TestApp app = start(Map.of(URL, "http://" + TestStore.ACCESS_KEY + ":"
                        + secret.replace("/", "%2F") + "@127.0.0.1:" + store.port() + "/assets-aws"))) {
            app.select(Assets.class).put("k", "v");
            assertEquals(Map.of("k", "v"), store.objects());
            assertEquals("UP", app.check("assets").getString("status"));
        }
    }

    /**
     * In the s3:// form a raw '/' and '+' may stay in the secret key, as AWS hands it out. Nothing is sent here: the
     * bucket is on AWS, which tests do not reach; the test looks at what Attached read.
     */
    @Test
    void theAwsFormTakesARawSecretKey() {
        String secret = "wJalr/K7MDENG+bPxRfi" + Canary.PASSWORD;
        try (TestApp app = start(Map.of(URL, "s3://AKIAIOSFODNN7EXAMPLE:" + secret + "@assets-aws?region=eu-west-1"))) {
            Assets assets = app.select(Assets.class);
            assertEquals(java.util.Optional.of("AKIAIOSFODNN7EXAMPLE"), assets.handle().username());
            assertEquals(java.util.Optional.of(secret), assets.handle().password());
            assertEquals("assets-aws", assets.bucket().name());
            ResourceStatus status = app.resources().status("assets");
            assertEquals(ResourceState.ATTACHED, status.state());
            assertEquals("s3://assets-aws", status.location());
        }
    }

    /**
     * A raw '/' in an http(s) url's secret ends the authority there, as browsers read it: deployment fails with a
     * problem naming the url, and never shows the secret.
     */
    @Test
    void aRawSlashInTheSecretKeyFailsDeploymentWithoutShowingIt() {
        Exception failed = assertThrows(Exception.class, () -> start(Map.of(URL, "http://" + TestStore.ACCESS_KEY
                + ":wJalr/K7MDENG" + Canary.PASSWORD + "@127.0.0.1:" + stores.a().port() + "/assets-a")).close());
        Canary.assertAbsent("the deployment failure", failed.toString());
        assertTrue(failed.getMessage().contains("attached.assets.url"), failed.getMessage());
        System.out.println("[s3] a raw '/' in the secret key: " + failed.getMessage());
    }

    @Test
    void theInjectedClientIsOneStableReference() {
        try (TestApp app = start(config(stores.a()))) {
            S3Client first = app.select(Assets.class).s3();
            first.close(); // ignored: Attached owns the clients
            TestConfigSource.set(URL, stores.b().url());
            assertEquals(2, app.resources().refresh("assets").generation());
            S3Client second = app.select(S3Client.class, dev.attached.AttachedResource.Literal.of("assets"));
            assertTrue(first == second, "one reference per name and type");
            app.select(Assets.class).put("k", "v");
            assertEquals(Map.of("k", "v"), stores.b().objects());
            assertFalse(first.toString().contains(Canary.PASSWORD), first.toString());
            assertTrue(first.toString().contains(stores.b().url()), first.toString());
        }
    }

    /** The readiness check that first had {@code status}, and how long that check took. */
    record TimedCheck(long millis, String error) {

        static TimedCheck until(TestApp app, HealthCheckResponse.Status status) {
            return await().atMost(30, SECONDS).until(() -> {
                long start = System.nanoTime();
                HealthCheckResponse response = app.readinessResponse("assets");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return response.getStatus() == status
                        ? new TimedCheck(millis, String.valueOf(response.getData().orElseThrow().get("error")))
                        : null;
            }, check -> check != null);
        }
    }

    /** The old generation's drain time, from Attached's ATTACHED-104 line; -1 while it is not closed. */
    static long drainMillis(TestApp app) {
        Matcher m = DRAINED.matcher(app.log().text());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
