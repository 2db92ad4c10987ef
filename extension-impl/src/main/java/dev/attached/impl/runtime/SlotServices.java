package dev.attached.impl.runtime;

/**
 * What every slot of an application shares: the threads that bound calls to backing services, the drainer, and
 * where swaps are reported (known only once the container is running).
 */
record SlotServices(BoundedCalls calls, Drainer drainer, ReportedEvents events) {
}
