package dev.attached.kind.restclient;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asynchronous calls of one generation whose answer has not come yet. Attached counts a call through an injected
 * reference while the method runs; a method that returns a {@code CompletionStage} returns before its request is
 * answered, so it is counted here until it completes, and a replaced generation stays open for it.
 */
final class AsyncCalls {

    private final AtomicInteger pending = new AtomicInteger();
    private volatile Runnable released = () -> {
    };

    void started() {
        pending.incrementAndGet();
    }

    void finished() {
        pending.decrementAndGet();
        released.run();
    }

    int pending() {
        return pending.get();
    }

    /** From now on {@code released} runs whenever a call completes. */
    void onRelease(Runnable released) {
        this.released = released;
    }
}
