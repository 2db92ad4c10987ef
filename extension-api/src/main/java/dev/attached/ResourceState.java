package dev.attached;

/** Where an attached resource stands. */
public enum ResourceState {
    /** Configured and serving; the backing service itself may still be down (readiness tells). */
    ATTACHED,
    /** No url is configured ({@code optional=true}) or it was removed: calls fail fast. */
    DETACHED,
    /** The resource could not be opened from its configuration; the previous generation, if any, keeps serving. */
    FAILED
}
