package dev.attached;

import java.util.Set;

/**
 * The application's view of its attached resources, for operators' endpoints and for code that wants to trigger a
 * swap:
 *
 * <pre>
 * &#64;Inject AttachedResources resources;
 *
 * resources.refresh("orders-db"); // re-read attached.orders-db.* now; swaps if it changed
 * </pre>
 */
public interface AttachedResources {

    /** The names of every resource the application injects. */
    Set<String> names();

    /**
     * The current status of a resource.
     *
     * @throws IllegalArgumentException if no injection point names {@code name}
     */
    ResourceStatus status(String name);

    /**
     * Re-reads the resource's configuration now. If its handle (url, credentials, or any key under
     * {@code attached.<name>.}) changed, opens and probes the new resource, then swaps to it; the old one finishes its
     * in-flight work and is closed. Returns once the swap has succeeded or failed.
     *
     * @return the status after the refresh
     * @throws IllegalArgumentException if no injection point names {@code name}
     */
    ResourceStatus refresh(String name);
}
