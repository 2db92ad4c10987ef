package dev.attached.impl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.TestApp;

/**
 * Values that look odd but are right: every special character in a user and a password, raw and percent-encoded,
 * unicode, duplicate and conflicting keys. Each is accepted, reads back exactly, and its secret shows nowhere.
 * Outcomes go to {@code target/reliability/accepted-configuration.md}.
 */
class AcceptedConfigurationTest {

    private static final String CANARY = Canary.PASSWORD;

    @Dependent
    public static class Api {
        @Inject
        @AttachedResource("geo-api")
        ResourceHandle api;
    }

    static Stream<String> specialCharacters() {
        return Stream.concat(" !\"#$%&'()*+,/:;<=>?@[\\]^_`{|}~".chars().mapToObj(c -> String.valueOf((char) c)),
                Stream.of("\u00e9", "\u65e5\u672c", "\uD83D\uDE00", "%41", "%zz", "%"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What the application and an operator see of a handle: none of it may hold the secret. */
    private static String seen(TestApp app, ResourceHandle handle) {
        return handle + " " + handle.uri() + " " + app.resources().status("geo-api") + " " + app.readiness();
    }

    @ParameterizedTest(name = "percent-encoded {0}")
    @MethodSource("specialCharacters")
    void everyCharacterPercentEncodedReadsBackExactly(String c) {
        String user = "u" + c + "ser";
        String password = "p" + c + CANARY + c;
        String url = "https://" + encode(user) + ":" + encode(password) + "@127.0.0.1:1/v1";
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with("attached.geo-api.url", url).beans(Api.class).start()) {
            ResourceHandle handle = app.select(Api.class).api;
            assertEquals(Optional.of(user), handle.username());
            assertEquals(Optional.of(password), handle.password());
            assertEquals("https://127.0.0.1:1/v1", handle.uri().toString());
            String seen = seen(app, handle) + log.text();
            assertFalse(seen.contains(CANARY), seen);
        }
        Report.row("accepted-characters", "| character | percent-encoded in user and password | raw in the password |",
                "U+" + Integer.toHexString(c.codePointAt(0)).toUpperCase() + " " + c, "reads back exactly", raw(c));
    }

    /** A raw character in a database URL's password: read back exactly, or at least never shown. */
    private static String raw(String c) {
        String password = "p" + c + CANARY + c;
        String url = "postgres://app:" + password + "@db.internal:5432/orders";
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with("attached.geo-api.url", url).beans(Api.class).start()) {
            ResourceHandle handle = app.select(Api.class).api;
            String seen = seen(app, handle) + log.text();
            assertFalse(seen.contains(CANARY), seen);
            return handle.password().equals(Optional.of(password))
                    ? "reads back exactly"
                    : "read as another password, never shown (percent-encode it)";
        } catch (RuntimeException e) {
            assertFalse(e.getMessage().contains(CANARY), e.getMessage());
            return "refused: " + BadConfigurationTest.problems(e.getMessage()).get(0);
        }
    }

    @Test
    void userinfoWinsOverTheKeysAndTheQuery() {
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with("attached.geo-api.url",
                        "https://u:" + CANARY + "-url@127.0.0.1:1/v1?password="
                                + CANARY + "-query&password=" + CANARY + "-second",
                        "attached.geo-api.password",
                        CANARY + "-key", "attached.geo-api.username", "other").beans(Api.class).start()) {
            ResourceHandle handle = app.select(Api.class).api;
            assertEquals(Optional.of(CANARY + "-url"), handle.password());
            assertEquals(Optional.of("u"), handle.username());
            String seen = seen(app, handle) + log.text();
            assertFalse(seen.contains(CANARY), seen);
            Report.row("accepted-conflicts", "| case | outcome |", "userinfo, ?password= twice and the password key",
                    "the userinfo's password is used; none of the four values is shown");
        }
    }

    @Test
    void theHigherOrdinalWinsBetweenADottedKeyAndAnEnvironmentName() {
        ConfigSource environment = new EnvConfigSource(java.util.Map.of("ATTACHED_GEO_API_URL",
                "https://127.0.0.1:2/from-environment"), 600);
        try (TestApp app = TestApp.with("attached.geo-api.url", "https://127.0.0.1:1/from-dotted").source(environment)
                .beans(Api.class).start()) {
            assertEquals("https://127.0.0.1:2/from-environment", app.select(Api.class).api.uri().toString());
            Report.row("accepted-conflicts", "| case | outcome |",
                    "attached.geo-api.url (ordinal 500) and ATTACHED_GEO_API_URL (ordinal 600)",
                    "the environment variable, by its higher ordinal");
        }
    }

    @Test
    void theSameKeyInTwoSourcesIsDecidedByOrdinalAtEveryRead() {
        ConfigSource low = new PropertiesConfigSource(java.util.Map.of("attached.geo-api.url",
                "https://127.0.0.1:3/low"), "low", 100);
        try (TestApp app = TestApp.with("attached.geo-api.url", "https://127.0.0.1:1/high").source(low)
                .beans(Api.class).start()) {
            assertEquals("https://127.0.0.1:1/high", app.select(Api.class).api.uri().toString());
            try (LogCapture log = new LogCapture()) {
                app.config().remove("attached.geo-api.url");
                app.resources().refresh("geo-api"); // the probe of 127.0.0.1:3 fails: reported, the old one serves
                assertTrue(log.contains("ATTACHED-103: geo-api could not swap to https://127.0.0.1:3/low"), log.text());
            }
            Report.row("accepted-conflicts", "| case | outcome |",
                    "the url in two sources, the higher one removed while running",
                    "the lower source's url is read at once (a swap to it is tried)");
        }
    }

    @Test
    void blankValuesOfAttachedsOwnKeysCountAsNotSet() {
        try (TestApp app = TestApp.with("attached.geo-api.url", "https://127.0.0.1:1/v1",
                "attached.geo-api.health.timeout", "  ", "attached.geo-api.drain-timeout", "\t",
                "attached.geo-api.health.enabled", " ", "attached.geo-api.optional", " \n").beans(Api.class).start()) {
            assertEquals("https://127.0.0.1:1/v1", app.select(Api.class).api.uri().toString());
            Report.row("accepted-conflicts", "| case | outcome |",
                    "blank health.timeout, drain-timeout, health.enabled,"
                            + " optional",
                    "not set: the defaults stand, as for a blank url");
        }
    }

    @Test
    void whitespaceAndLineBreaksAroundValuesAreDropped() {
        try (TestApp app = TestApp.with("attached.geo-api.url", "  https://127.0.0.1:1/v1\n",
                "attached.geo-api.health.timeout", " 2s ", "attached.geo-api.health.enabled", "TRUE").beans(Api.class)
                .start()) {
            assertEquals("https://127.0.0.1:1/v1", app.select(Api.class).api.uri().toString());
            Report.row("accepted-conflicts", "| case | outcome |", "spaces and a line break around values",
                    "dropped; TRUE is true");
        }
    }
}
