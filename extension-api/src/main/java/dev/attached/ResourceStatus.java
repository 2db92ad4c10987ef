package dev.attached;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one attached resource, as {@link AttachedResources#status(String)} reports it. Every text in it is
 * masked: no password or URL userinfo ever appears.
 */
public interface ResourceStatus {

    /** The resource name. */
    String name();

    /** {@code "datasource"}, {@code "mail"}, {@code "handle"}, or a plugged-in kind's name. */
    String kind();

    /** Attached, detached or failed. */
    ResourceState state();

    /** 1 for the first resource, +1 on every successful swap. */
    long generation();

    /** Scheme, host, port and path of the resource in use; never a credential. */
    String location();

    /** Why the last attach or swap failed, masked; empty once one succeeds. */
    Optional<String> lastError();

    /** When the resource entered its current state. */
    Instant since();

    /** Pool usage of the generation in use, for kinds that pool; empty for others and while detached. */
    default Optional<ResourceUsage> usage() {
        return Optional.empty();
    }
}
