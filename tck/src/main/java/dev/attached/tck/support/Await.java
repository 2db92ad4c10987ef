package dev.attached.tck.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for asynchronous outcomes (a swap applied on the extension's own thread, a drain) without fixed sleeps. */
public final class Await {

    /** Generous: servers on a loaded CI machine are slow; a passing test never waits this long. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {
    }

    public static void until(BooleanSupplier condition, Supplier<String> whatFailed) {
        until(DEFAULT, condition, whatFailed);
    }

    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + "s: " + whatFailed.get());
            }
            sleep(25);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
