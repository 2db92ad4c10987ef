package dev.attached.kind.s3;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attached.ResourceSwapFailed;
import dev.attached.kind.s3.testing.Assets;
import dev.attached.kind.s3.testing.TestStore;
import dev.attached.kind.s3.testing.TwoStores;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.LogCapture;
import dev.attached.kind.testkit.SwapRecorder;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The canary secret key, given in the url's userinfo, never shows up: not in any log line of Attached, the SDK or its
 * HTTP client at any level (the SDK's request log and Apache HttpClient's header and wire logs included), nor in
 * health data, status, events, {@code toString()} or exceptions.
 */
class S3SecretsTest {

    /** Every logger the client writes through, at every level, the wire log with each byte sent included. */
    private static final String[] CLIENT_LOGGERS = {"software.amazon.awssdk", "org.apache.hc.client5.http",
            "org.apache.hc.client5.http.wire", "org.apache.http"};

    @RegisterExtension
    static final TwoStores stores = new TwoStores();

    @Test
    void theSecretKeyShowsNowhere() {
        try (TestApp app = TestApp.with("attached.assets.url", stores.a().urlWithCredentials(),
                "attached.assets.health.timeout", "5s", "attached.change-settle", "100ms")
                .beans(Assets.class, SwapRecorder.class)
                .log(() -> new LogCapture().quiet(CLIENT_LOGGERS).savedAs("s3-secrets"))
                .start()) {
            Assets assets = app.select(Assets.class);
            assets.put("greeting", "hello");
            assertEquals("hello", assets.get("greeting"));
            try (ResponseInputStream<GetObjectResponse> stream = assets.s3().getObject(r -> r.key("greeting"))) {
                assertEquals("hello", new String(stream.readAllBytes()));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            NoSuchKeyException missing = assertThrows(NoSuchKeyException.class, () -> assets.get("missing"));
            Canary.assertAbsent("an S3 error", missing.toString());
            assertEquals("UP", app.check("assets").getString("status"));

            // a swap refused for a wrong secret key, written in the url's userinfo
            SwapRecorder swaps = app.select(SwapRecorder.class);
            TestConfigSource.set("attached.assets.url", "http://" + TestStore.ACCESS_KEY + ":wrong-" + Canary.PASSWORD
                    + "@127.0.0.1:" + stores.b().port() + "/assets-b");
            await().atMost(60, SECONDS).until(() -> !swaps.failed().isEmpty());
            ResourceSwapFailed failed = swaps.failed().get(0);
            assertTrue(failed.error().contains("403"), failed.error());

            // a swap that succeeds: the new secret key is the canary too
            TestConfigSource.set("attached.assets.url", stores.b().urlWithCredentials());
            await().atMost(60, SECONDS).until(() -> !swaps.swapped().isEmpty());
            assets.put("after", "swap");

            String log = app.log().text();
            assertTrue(log.contains("software.amazon.awssdk.request") && log.contains("Sending Request"),
                    "the SDK's request log was captured at DEBUG");
            assertTrue(log.contains("org.apache.hc.client5.http.wire")
                    && log.contains("Authorization: AWS4-HMAC-SHA256 Credential=" + TestStore.ACCESS_KEY + "/"),
                    "the wire log, each header sent, was captured");
            Canary.assertAbsent("the log", log);
            Canary.assertAbsent("the readiness JSON", app.readiness().toString());
            Canary.assertAbsent("the status", app.resources().status("assets").toString());
            Canary.assertAbsent("the events", swaps.swapped().toString() + swaps.failed());
            Canary.assertAbsent("the injected client", assets.s3().toString());
            Canary.assertAbsent("the injected bucket", assets.bucket().toString());
            Canary.assertAbsent("the injected handle", assets.handle().toString());
        }
    }
}
