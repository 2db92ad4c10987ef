package dev.attached.spi;

/**
 * The generation of a resource that new work goes to, as handed to {@link ResourceKind#reference}. Every call made
 * through a swap-aware reference enters it, so a replaced generation is closed only once nobody is inside:
 *
 * <pre>
 * public Connection getConnection() throws SQLException {
 *     try (Lease&lt;AgroalDataSource&gt; lease = current.enter()) {
 *         return lease.resource().getConnection();
 *     }
 * }
 * </pre>
 *
 * @param <T> the type a kind opens
 */
public interface Current<T> {

    /** The resource name, as in {@code @AttachedResource}. */
    String name();

    /**
     * Enters the current generation: it is not closed before the lease is. While the resource is detached, the
     * lease holds the kind's {@linkplain ResourceKind#detached detached stand-in}.
     *
     * @throws IllegalStateException while the resource is detached and its kind has no stand-in; the message names
     *         the resource and the key to set
     */
    Lease<T> enter();

    /** One entry into a generation; closing it leaves. Cheap: no allocation on the hot path of the built-in kinds. */
    interface Lease<T> extends AutoCloseable {

        /** The generation's resource (or the detached stand-in). */
        T resource();

        /**
         * The generation's resource as {@code type}, one of the kind's {@linkplain ResourceKind#types() types}.
         */
        Object view(java.lang.reflect.Type type);

        /** Leaves the generation; a retiring generation may close once every lease is closed. */
        @Override
        void close();
    }
}
