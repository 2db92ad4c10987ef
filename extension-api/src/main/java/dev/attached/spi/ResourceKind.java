package dev.attached.spi;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.attached.ResourceHandle;
import dev.attached.ResourceUsage;

/**
 * A kind of backing service that can be injected with {@code @AttachedResource}: the built-in ones are
 * {@code javax.sql.DataSource} ("datasource"), {@code jakarta.mail.Session} ("mail") and {@link ResourceHandle}
 * ("handle"). Plug in another by listing the implementation in
 * {@code META-INF/services/dev.attached.spi.ResourceKind}:
 *
 * <pre>
 * public class QueueKind implements ResourceKind&lt;QueueSettings, QueueClient&gt; {
 *     public String name() { return "queue"; }
 *     public Class&lt;QueueClient&gt; type() { return QueueClient.class; }
 *     public QueueSettings configure(ResourceHandle h, List&lt;String&gt; problems) {
 *         if (!"queue".equals(h.uri().getScheme())) problems.add("url: scheme '" + h.uri().getScheme() + "' does not fit a queue");
 *         return new QueueSettings(h);
 *     }
 *     public QueueClient open(QueueSettings s) { return QueueClient.create(s.uri()); }
 *     public Map&lt;String, Object&gt; probe(QueueClient c, Duration timeout) { c.ping(); return Map.of(); }
 *     public void close(QueueClient c) { c.close(); }
 * }
 * </pre>
 *
 * <h2>Life of a generation</h2> A generation is opened once per configuration: at start-up, and again for every swap,
 * before the previous generation is closed. {@link #configure} reads and checks the handle once, without touching the
 * network; {@link #open} builds the resource from what it returned, also without waiting for the service (a service
 * that is down at boot must not delay start-up). Before a swap takes effect the new generation must answer
 * {@link #probe}. A replaced generation is closed once no call made through an injected reference is inside it and
 * {@link #inUse} is zero (or when {@code drain-timeout} expires).
 *
 * <h2>Injected references</h2> Every injection point gets a stable reference that reaches the current generation.
 * Attached builds it: for an interface type, a proxy that enters the current generation around each call; a kind may
 * build its own with {@link #reference} (faster, or for a final class). A non-interface type without a reference of
 * the kind's is resolved at each injection and {@code Instance.get()}.
 *
 * @param <S> the settings a kind reads from a handle: immutable, parsed once per generation
 * @param <T> the resource a generation holds
 */
public interface ResourceKind<S, T> {

    /** A short lowercase name, reported as {@code kind} in health data and status. */
    String name();

    /** The resource a generation holds. */
    Class<T> type();

    /**
     * The types applications inject, each claimed by one kind only; by default {@link #type()}. Generic types are
     * matched exactly: a kind that serves {@code RedisCommands<String, String>} lists that parameterized type (for
     * example {@code new TypeLiteral<RedisCommands<String, String>>() {}.getType()}).
     */
    default Set<Type> types() {
        return Set.of(type());
    }

    /**
     * Whether the kind serves an injected type that no kind lists in {@link #types()}: for a kind that serves a family
     * of types rather than a fixed set (any MicroProfile Rest Client interface, say). Asked only at deployment, for
     * types no kind lists; keep it free of side effects. By default no type.
     */
    default boolean serves(Type type) {
        return false;
    }

    /**
     * The keys under {@code attached.<name>.} this kind reads besides url, username and password (for example
     * {@code pool.max-size}). They are looked up by name, so they are found in environment variables too
     * ({@code ATTACHED_ORDERS_DB_POOL_MAX_SIZE}); other keys are found in sources that list their property names.
     */
    default Set<String> keys() {
        return Set.of();
    }

    /**
     * Reads and checks a handle without touching the network. Each problem is added as a phrase that starts with
     * the key under {@code attached.<name>.} it is about and says what is wrong (for example
     * {@code "url: scheme 'smtp' does not fit a DataSource"}); the caller adds the resource name and a message id.
     * Never include a secret.
     *
     * @return the settings to {@link #open} from; used only if no problem was added
     */
    S configure(ResourceHandle handle, List<String> problems);

    /**
     * Opens a generation from settings that {@link #configure} accepted. Must not wait for the backing service.
     */
    T open(S settings) throws Exception;

    /**
     * Checks that the backing service answers. Returns details for the health response (for example pool usage);
     * throws when it does not answer. Callers bound the wait by {@code timeout} themselves and abandon a probe that
     * outlives it, so an implementation should use it for its own network timeouts.
     */
    Map<String, Object> probe(T resource, Duration timeout) throws Exception;

    /**
     * Prepares a new generation to take over, so the cutover does not show in latency: called after it answered its
     * probe and before new work moves to it, with how much work the generation it replaces has in use now. A pool
     * opens about that many connections, so the first callers after the swap do not wait for them to be created.
     * Bounded by {@code budget}: a warm-up that fails or runs out of time is abandoned and the swap goes ahead.
     */
    default void warmUp(T resource, int inUse, Duration budget) throws Exception {
    }

    /**
     * How many units of work the resource has lent out beyond a call (borrowed connections, open channels). Calls
     * made through injected references are counted by Attached; count only what outlives them.
     */
    default int inUse(T resource) {
        return 0;
    }

    /** Pool usage, for kinds that pool; read for status pages and metrics, so keep it cheap. By default empty. */
    default Optional<ResourceUsage> usage(T resource) {
        return Optional.empty();
    }

    /**
     * Called once when a generation has been replaced and waits to be closed. A kind whose {@link #inUse} can be
     * non-zero calls {@code released} whenever a lent unit comes back, so the generation closes as soon as nothing is
     * in use instead of at its drain timeout.
     */
    default void retiring(T resource, Runnable released) {
    }

    /** Closes a generation, cutting whatever is still in use. */
    void close(T resource) throws Exception;

    /** The resource as one of {@link #types()}; called on every call through a reference, so keep it cheap. */
    default Object view(T resource, Type type) {
        return resource;
    }

    /**
     * A stable reference of the kind's own for an injected type, or {@code null} to let Attached build one. It must
     * reach the resource through {@code current} on every use.
     */
    default Object reference(Type type, Current<T> current) {
        return null;
    }

    /**
     * What calls reach while the resource is detached: an object whose every use fails fast with the type's own
     * error carrying {@code message}. Return {@code null} if the type cannot be stood in for; then a call fails with
     * an {@code IllegalStateException} carrying {@code message}.
     */
    default T detached(String message) {
        return null;
    }
}
