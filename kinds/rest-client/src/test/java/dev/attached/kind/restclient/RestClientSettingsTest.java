package dev.attached.kind.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.rest.client.ext.QueryParamStyle;
import org.junit.jupiter.api.Test;

import dev.attached.ResourceHandle;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.TestHandle;

/** Reading a handle: URL forms, credentials, headers, settings, and every problem's exact message. */
class RestClientSettingsTest {

    private static RestClientSettings read(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        RestClientSettings settings = RestClientSettings.read(TestHandle.of("shipping-api", url, keys), problems);
        assertEquals(List.of(), problems);
        return settings;
    }

    private static List<String> problems(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        RestClientSettings.read(TestHandle.of("shipping-api", url, keys), problems);
        problems.forEach(p -> Canary.assertAbsent("a problem", p));
        return problems;
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void userinfoBecomesBasicAuthAndLeavesTheBaseUri() {
        RestClientSettings settings = read("https://apikey:" + Canary.PASSWORD + "@api.shipping.example.com/v2");
        assertEquals(URI.create("https://api.shipping.example.com/v2"), settings.baseUri());
        assertEquals("https://api.shipping.example.com/v2", settings.location());
        assertEquals(Map.of("Authorization", basic("apikey:" + Canary.PASSWORD)), settings.headers().values());
        assertEquals("basic user apikey", settings.headers().credentials());
        assertEquals(URI.create("https://api.shipping.example.com/v2"), settings.health().uri());
        assertEquals("GET", settings.health().method());
        Canary.assertAbsent("the settings", settings.toString());
        assertFalse(settings.toString().contains(basic("apikey:" + Canary.PASSWORD).substring(6)));
    }

    @Test
    void usernameAndPasswordKeysAreBasicAuthAndAUsernameAloneIsAnApiKey() {
        assertEquals(basic("app:" + Canary.PASSWORD), read("http://127.0.0.1:8080", "username", "app",
                "password", Canary.PASSWORD).headers().values().get("Authorization"));
        assertEquals(basic("sk_test_123:"), read("https://sk_test_123@api.example.com").headers().values()
                .get("Authorization"));
    }

    @Test
    void aBearerTokenAndFurtherHeaders() {
        RestClientSettings settings = read("https://api.example.com/v2", "bearer-token", Canary.PASSWORD,
                "header.X-Api-Version", "2", "header.X-Api-Key", "key-" + Canary.PASSWORD);
        assertEquals("Bearer " + Canary.PASSWORD, settings.headers().values().get("Authorization"));
        assertEquals("2", settings.headers().values().get("X-Api-Version"));
        assertEquals("bearer token", settings.headers().credentials());
        assertTrue(settings.headers().secrets().contains(Canary.PASSWORD));
        assertTrue(settings.headers().secrets().contains("key-" + Canary.PASSWORD));
        assertFalse(settings.headers().secrets().contains("2"), "a version number is no secret");
        assertEquals("RestClientSettings[https://api.example.com/v2, credentials bearer token,"
                + " headers [X-Api-Key, X-Api-Version], health GET /v2 up 100-499]", settings.toString());
    }

    @Test
    void clientSettingsAndHealthKeys() {
        RestClientSettings settings = read("http://shipping.internal:8080/v2", "connect-timeout", "500ms",
                "read-timeout", "PT30S", "follow-redirects", "true", "proxy", "proxy.internal:3128",
                "query-param-style", "comma-separated", "property.resteasy.connectionPoolSize", "20",
                "health.path", "/healthz", "health.method", "head", "health.up-status", "2xx, 401");
        assertEquals(Optional.of(Duration.ofMillis(500)), settings.connectTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(30)), settings.readTimeout());
        assertEquals(Optional.of(true), settings.followRedirects());
        assertEquals("proxy.internal:3128", settings.proxy().orElseThrow().toString());
        assertEquals(Optional.of(QueryParamStyle.COMMA_SEPARATED), settings.queryParamStyle());
        assertEquals(Map.of("resteasy.connectionPoolSize", "20"), settings.properties());
        assertEquals(URI.create("http://shipping.internal:8080/healthz"), settings.health().uri());
        assertEquals("HEAD", settings.health().method());
        assertTrue(settings.health().upStatuses().isUp(204));
        assertTrue(settings.health().upStatuses().isUp(401));
        assertFalse(settings.health().upStatuses().isUp(404));
        assertFalse(settings.health().upStatuses().isUp(302));
    }

    @Test
    void healthPathsRelativeToTheBaseFromTheRootOrAUrlOfTheirOwn() {
        assertEquals(URI.create("http://h:1/v2/status"), read("http://h:1/v2", "health.path", "status")
                .health().uri());
        assertEquals(URI.create("http://h:1/v2/status"), read("http://h:1/v2/", "health.path", "status")
                .health().uri());
        assertEquals(URI.create("http://h:1/q/health/ready"), read("http://h:1/v2", "health.path",
                "/q/health/ready").health().uri());
        assertEquals(URI.create("http://h:9000/health?full=1"), read("http://h:1/v2", "health.path",
                "http://h:9000/health?full=1").health().uri());
    }

    @Test
    void defaultsAreTheImplementationsAndAnyAnswerBelow500() {
        RestClientSettings settings = read("http://h");
        assertEquals(Optional.empty(), settings.connectTimeout());
        assertEquals(Optional.empty(), settings.readTimeout());
        assertEquals(Optional.empty(), settings.followRedirects());
        assertEquals(Map.of(), settings.headers().values());
        assertTrue(settings.health().upStatuses().isUp(100));
        assertTrue(settings.health().upStatuses().isUp(499));
        assertFalse(settings.health().upStatuses().isUp(500));
    }

    @Test
    void everyProblemNamesItsKeyAndNoSecret() {
        assertEquals(List.of("url: scheme 'ftp' does not fit a Rest Client (use http:// or https://)"),
                problems("ftp://files.example.com"));
        assertEquals(List.of("url: names no host (write http://host/path)"), problems("http:///v2"));
        List<String> underscore = new ArrayList<>();
        RestClientSettings.read(new UnderscoreHost(TestHandle.of("shipping-api", "http://shipping_api:8080")),
                underscore);
        assertEquals(List.of("url: host 'shipping_api' is not a valid host name for HTTP clients (an underscore?):"
                + " use a name without underscores, such as a network alias"), underscore);
        assertEquals(List.of("url: has a query, which a Rest Client base URI does not keep (use @QueryParam in the"
                + " interface, or a header.<Name> key for an API key)"),
                problems("https://api.example.com/v2?key=" + Canary.PASSWORD));
        assertEquals(List.of("url: has a fragment (#...), which HTTP requests do not carry"),
                problems("https://api.example.com/v2#top"));
        assertEquals(List.of("bearer-token: set either bearer-token or a username and password"
                + " (keys or the url's userinfo), not both"),
                problems("https://u:" + Canary.PASSWORD + "@h", "bearer-token", Canary.PASSWORD));
        assertEquals(List.of("bearer-token: holds a space, a line break or a control character"),
                problems("https://h", "bearer-token", "two " + Canary.PASSWORD));
        assertEquals(List.of("header.X Version: 'X Version' is not a header name (letters, digits and"
                + " !#$%&'*+.^_`|~-)"), problems("https://h", "header.X Version", "2"));
        assertEquals(List.of("header.X-Api-Key: the value holds a line break or a control character"),
                problems("https://h", "header.X-Api-Key", Canary.PASSWORD + "\r\nX-Evil: 1"));
        assertEquals(List.of("header.Authorization: set either this header or the credentials (username and"
                + " password, or bearer-token), not both"),
                problems("https://h", "bearer-token", Canary.PASSWORD, "header.Authorization", "Token x"));
        assertEquals(List.of("connect-timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)",
                "read-timeout: must be more than 0, but is '0s'", "follow-redirects: 'maybe' is not true or false",
                "proxy: 'proxy.internal' is not host:port (e.g. proxy.internal:3128)",
                "query-param-style: 'csv' is not one of multi-pairs, comma-separated, array-pairs",
                "health.path: 'a b' is not a path or a URL (Illegal character in path)",
                "health.method: 'POST' is not one of GET, HEAD, OPTIONS",
                "health.up-status: 'ok' is not a status (200), a range (200-299) or a class (2xx)"),
                problems("https://h", "connect-timeout", "soon", "read-timeout", "0s", "follow-redirects", "maybe",
                        "proxy", "proxy.internal", "query-param-style", "csv", "health.path", "a b",
                        "health.method", "POST", "health.up-status", "ok"));
        assertEquals(List.of("health.up-status: '600' is not a status or a range of statuses between 100 and 599"),
                problems("https://h", "health.up-status", "200,600"));
        assertEquals(List.of("health.path: holds credentials: the probe sends the resource's own (username,"
                + " password, bearer-token)"),
                problems("https://h", "health.path", "https://u:" + Canary.PASSWORD + "@h/health"));
    }

    /** As the engine's handle names a docker-compose host that java.net.URI finds none in. */
    private record UnderscoreHost(TestHandle handle) implements ResourceHandle {
        public String name() {
            return handle.name();
        }

        public URI uri() {
            return handle.uri();
        }

        public Optional<String> host() {
            return Optional.of("shipping_api");
        }

        public Optional<String> username() {
            return handle.username();
        }

        public Optional<String> password() {
            return handle.password();
        }

        public Optional<String> property(String key) {
            return handle.property(key);
        }
    }

    @Test
    void anAuthorizationHeaderOfItsOwnIsACredential() {
        RestClientSettings settings = read("https://h", "header.Authorization", "Token " + Canary.PASSWORD);
        assertEquals("Token " + Canary.PASSWORD, settings.headers().values().get("Authorization"));
        assertTrue(settings.headers().secrets().contains("Token " + Canary.PASSWORD));
        Canary.assertAbsent("the settings", settings.toString());
    }
}
