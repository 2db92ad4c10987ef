package dev.attached;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kind-free view of an attached resource: where it is and how to log in. Use it for any backing service that
 * has no dedicated kind, such as a third-party HTTP API:
 *
 * <pre>
 * &#64;Inject &#64;AttachedResource("geo-api") ResourceHandle geo;
 *
 * HttpRequest.newBuilder(geo.uri().resolve("/v1/lookup"))
 *         .header("Authorization", "Bearer " + geo.password().orElseThrow())
 * </pre>
 *
 * configured by {@code attached.geo-api.url}, {@code attached.geo-api.username}, {@code attached.geo-api.password}
 * and any further key under {@code attached.geo-api.}. An injected handle follows swaps: every call reads the
 * current configuration. Its {@code toString()} never shows a secret.
 */
public interface ResourceHandle {

    /** The resource name, as in {@code @AttachedResource}. */
    String name();

    /** The configured locator, without credentials (URL userinfo is taken out). */
    URI uri();

    /**
     * The first host the url names, also where {@link #uri()} has none: {@code URI.getHost()} is {@code null} for a
     * docker-compose name with an underscore ({@code orders_db}) or a host list ({@code db1,db2}). Empty when the
     * url names no host ({@code jdbc:h2:mem:x}).
     */
    default Optional<String> host() {
        return Optional.ofNullable(uri().getHost());
    }

    /** The first host's port as written in the url; empty when none is written. */
    default OptionalInt port() {
        int port = uri().getPort();
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The user name: the URL's userinfo if it has one (percent-decoded), else {@code attached.<name>.username}. */
    Optional<String> username();

    /** The password: the URL's userinfo if it has one, else {@code attached.<name>.password}. Never logged. */
    Optional<String> password();

    /**
     * Any other key under {@code attached.<name>.}, for example {@code property("api-version")} reads
     * {@code attached.<name>.api-version}.
     */
    Optional<String> property(String key);

    /**
     * The keys under {@code attached.<name>.<prefix>}, relative to that prefix: {@code propertiesUnder("jdbc.")} of
     * {@code attached.orders-db.jdbc.sslmode=require} is {@code {sslmode=require}}. Kinds read driver or client
     * properties this way.
     */
    default Map<String, String> propertiesUnder(String prefix) {
        return Map.of();
    }
}
