package dev.attached.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.attached.ResourceHandle;

/**
 * A kind of backing service that can be injected with {@code @AttachedResource}: the built-in ones are
 * {@code javax.sql.DataSource} ("datasource"), {@code jakarta.mail.Session} ("mail") and
 * {@link ResourceHandle} ("handle"). Plug in another by listing the implementation in
 * {@code META-INF/services/dev.attached.spi.ResourceKind}:
 *
 * <pre>
 * public class RedisKind implements ResourceKind&lt;RedisClient&gt; {
 *     public String name() { return "redis"; }
 *     public Class&lt;RedisClient&gt; type() { return RedisClient.class; }
 *     public List&lt;String&gt; validate(ResourceHandle h) {
 *         return List.of("redis", "rediss").contains(h.uri().getScheme()) ? List.of()
 *                 : List.of("scheme '" + h.uri().getScheme() + "' does not fit redis");
 *     }
 *     public RedisClient open(ResourceHandle h) { return RedisClient.create(...); }
 *     ...
 * }
 * </pre>
 *
 * <p>
 * A generation of a resource is opened once per configuration: at start-up, and again for every swap, before the
 * previous generation is closed. If {@link #type()} is an interface, the injected reference follows swaps by
 * itself; otherwise applications follow swaps through {@code Instance<T>.get()}.
 *
 * @param <T> the type applications inject
 */
public interface ResourceKind<T> {

    /** A short lowercase name, reported as {@code kind} in health data and status. */
    String name();

    /** The injected type; exactly one kind may claim a type. */
    Class<T> type();

    /**
     * The keys under {@code attached.<name>.} this kind reads besides url, username and password (for example
     * {@code pool.max-size}). They are looked up by name, so they are found in environment variables too
     * ({@code ATTACHED_ORDERS_DB_POOL_MAX_SIZE}); other keys are found in sources that list their property names.
     */
    default Set<String> keys() {
        return Set.of();
    }

    /**
     * Checks a configuration without touching the network. Each problem is a phrase that says what is wrong with
     * which key under {@code attached.<name>.} (for example {@code "url: scheme 'smtp' does not fit a DataSource"});
     * the caller adds the resource name and a message id. Never include a secret.
     */
    List<String> validate(ResourceHandle handle);

    /**
     * Opens a generation. Must not wait for the backing service: a database that is down at start-up must not delay
     * or fail deployment. Called only with a handle that {@link #validate} accepted.
     */
    T open(ResourceHandle handle) throws Exception;

    /**
     * Checks that the backing service answers. Returns details for the health response (for example pool usage);
     * throws when it does not answer. Callers bound the wait by {@code timeout} themselves, so an implementation may
     * use it as a hint for its own network timeouts.
     */
    Map<String, Object> probe(T resource, Duration timeout) throws Exception;

    /**
     * How many units of work are still running on a generation (borrowed connections, messages being sent). A
     * replaced generation is closed once this reaches zero, or when the drain timeout expires.
     */
    default int inUse(T resource) {
        return 0;
    }

    /** Closes a generation, cutting whatever is still in use. */
    void close(T resource) throws Exception;

    /**
     * What applications get while the resource is detached: an object whose every use fails fast with the type's
     * own error carrying {@code message}. Return {@code null} if the type cannot be stood in for; then resolving the
     * resource throws an {@code IllegalStateException} with {@code message}.
     */
    default T detached(String message) {
        return null;
    }
}
