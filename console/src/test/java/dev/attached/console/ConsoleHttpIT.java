package dev.attached.console;

import static dev.attached.console.RunningConsole.PATIENCE;
import static dev.attached.console.RunningConsole.history;
import static dev.attached.console.RunningConsole.json;
import static dev.attached.console.RunningConsole.resource;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.attached.console.RunningConsole.User;
import dev.attached.kind.testkit.Canary;

/** The console of a test application on Open Liberty, over HTTP: who may see and do what, and what it shows. */
class ConsoleHttpIT {

    private static final Optional<User> NOBODY = Optional.empty();
    private static final Optional<User> VIEWER = Optional.of(User.VIEWER);
    private static final Optional<User> OPERATOR = Optional.of(User.OPERATOR);
    private static final Optional<User> STRANGER = Optional.of(User.STRANGER);

    private static RunningConsole console;

    @BeforeAll
    static void awaitTheApplication() {
        console = new RunningConsole().awaitStarted();
    }

    @Test
    void nobodySignedInIsAskedToSignInForThePageTheJsonAndARefresh() {
        for (HttpResponse<String> response : List.of(console.get("", NOBODY), console.get("api/resources", NOBODY),
                console.postRefresh("stock-db", NOBODY, true))) {
            assertEquals(401, response.statusCode(), response.uri().toString());
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                    "a BASIC challenge: " + response.headers());
            Canary.assertAbsent(response.body());
        }
    }

    @Test
    void aUserWithoutTheConsolesRolesSeesNothing() {
        assertEquals(403, console.get("", STRANGER).statusCode());
        assertEquals(403, console.get("api/resources", STRANGER).statusCode());
        assertEquals(403, console.postRefresh("stock-db", STRANGER, true).statusCode());
    }

    @Test
    void aViewerGetsThePageWithHeadersThatKeepItPrivate() {
        HttpResponse<String> page = console.get("", VIEWER);

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"console.js\" defer></script>"), page.body());
        assertTrue(page.headers().firstValue("Cache-Control").orElse("").startsWith("no-store"),
                page.headers().toString());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals(200, console.get("console.js", VIEWER).statusCode());
        assertEquals(200, console.get("console.css", VIEWER).statusCode());
        assertEquals(200, console.get("favicon.svg", VIEWER).statusCode());
        assertEquals(404, console.get("page/index.html", VIEWER).statusCode());
        assertEquals(404, console.get("nothing.html", VIEWER).statusCode());
    }

    @Test
    void thePathWithoutItsSlashLeadsToThePage() {
        HttpResponse<String> response = console.get("/attached", VIEWER);

        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/attached/"),
                response.headers().toString());
    }

    @Test
    void aViewerGetsEveryResourceWithoutASecret() {
        HttpResponse<String> response = console.get("api/resources", VIEWER);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Canary.assertAbsent("the console's JSON", response.body());
        JsonObject status = json(response.body());
        assertEquals(List.of("geo-api", "orders-db", "stock-db"), status.getJsonArray("resources")
                .getValuesAs(JsonObject.class).stream().map(r -> r.getString("name")).toList());
        JsonObject geo = resource(status, "geo-api");
        assertEquals("handle", geo.getString("kind"));
        assertEquals("https://127.0.0.1:1/v2", geo.getString("location"));
        assertEquals("datasource", resource(status, "stock-db").getString("kind"));
        assertFalse(history(status, "stock-db", "attached").isEmpty(), status.toString());
    }

    @Test
    void readinessIsTheLastProbeOfTheReadinessEndpoint() {
        console.probe();

        await().atMost(PATIENCE).until(() -> !resource(console.status(), "geo-api").isNull("readiness"));
        JsonObject geo = resource(console.status(), "geo-api").getJsonObject("readiness");
        assertFalse(geo.getBoolean("up"));
        Canary.assertAbsent(geo.getString("error"));
    }

    @Test
    void onlyAnOperatorMayRefreshAndOnlyWithTheHeader() {
        assertEquals(403, console.postRefresh("stock-db", VIEWER, true).statusCode());
        HttpResponse<String> withoutHeader = console.postRefresh("stock-db", OPERATOR, false);
        assertEquals(403, withoutHeader.statusCode());
        assertTrue(withoutHeader.body().contains(AccessGuard.REQUESTED_BY), withoutHeader.body());

        HttpResponse<String> refreshed = console.postRefresh("stock-db", OPERATOR, true);

        assertEquals(200, refreshed.statusCode(), refreshed.body());
        JsonObject status = json(refreshed.body());
        assertEquals("stock-db", status.getString("name"));
        assertEquals("ATTACHED", status.getString("state"));
        Canary.assertAbsent(refreshed.body());
    }

    @Test
    void aRefreshOfAnUnknownResourceIsNotFound() {
        assertEquals(404, console.postRefresh("no-such-db", OPERATOR, true).statusCode());
        assertEquals(404, console.postRefresh("Not%20A%20Name", OPERATOR, true).statusCode());
    }

    @Test
    void aSwapAndAFailedSwapMadeByConfigurationShowLiveWithoutTheSecret() {
        long generation = resource(console.status(), "stock-db").getJsonNumber("generation").longValue();

        console.configure("attached.stock-db.url", "jdbc:h2:mem:stock-b;DB_CLOSE_DELAY=-1");
        await().atMost(PATIENCE)
                .until(() -> resource(console.status(), "stock-db").getJsonNumber("generation")
                        .longValue() == generation + 1);
        JsonObject swapped = resource(console.status(), "stock-db");
        assertEquals("jdbc:h2:mem:stock-b", swapped.getString("location"));
        assertEquals("jdbc:h2:mem:stock-b", swapped.getJsonObject("lastSwap").getString("location"));

        console.configure("attached.stock-db.url",
                "jdbc:h2:tcp://sa:" + Canary.PASSWORD + "@127.0.0.1:1/nowhere");
        await().atMost(PATIENCE).until(() -> !resource(console.status(), "stock-db").isNull("lastError"));
        HttpResponse<String> response = console.get("api/resources", VIEWER);
        Canary.assertAbsent("the console's JSON after a failed swap", response.body());
        JsonObject failed = resource(json(response.body()), "stock-db");
        assertEquals(generation + 1, failed.getJsonNumber("generation").longValue(), "the swapped one serves");
        assertEquals("jdbc:h2:tcp://127.0.0.1:1/nowhere", failed.getJsonObject("lastFailure").getString("location"));
        assertFalse(history(json(response.body()), "stock-db", "swap-failed").isEmpty());
    }
}
