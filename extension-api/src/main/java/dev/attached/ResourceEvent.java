package dev.attached;

/**
 * What happened to an attached resource, fired as a CDI event qualified with {@code @AttachedResource(name)}.
 * Observe this type to see them all, as a status page or a metrics exporter does:
 *
 * <pre>
 * void record(&#64;Observes ResourceEvent event) { ... }
 * </pre>
 *
 * Observers run after the change, outside Attached's locks, with a request context active; an observer's exception
 * is logged and never changes what happened. Every text in an event is masked: no password or URL userinfo.
 */
public interface ResourceEvent {

    /** The resource name. */
    String name();

    /** The generation the event is about. */
    long generation();
}
