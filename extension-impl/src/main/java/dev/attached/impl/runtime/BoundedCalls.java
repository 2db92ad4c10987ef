package dev.attached.impl.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calls to backing services on daemon threads of their own, so a caller can stop waiting for a service that
 * never answers. A call that hangs keeps its thread, never the caller's.
 */
public final class BoundedCalls implements AutoCloseable {

    private final ExecutorService executor;

    public BoundedCalls(String threadPrefix) {
        this.executor = Executors.newCachedThreadPool(daemon(threadPrefix));
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}...: they never keep a JVM from exiting. */
    static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts a call; the future completes with its result or failure, whenever the service answers. */
    public <V> CompletableFuture<V> start(Callable<V> call) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        CompletableFuture<V> future = new CompletableFuture<>();
        executor.execute(() -> {
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(loader); // drivers and mail providers live in the application
            try {
                future.complete(call.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            } finally {
                current.setContextClassLoader(previous);
            }
        });
        return future;
    }

    /**
     * Runs a call and waits at most {@code timeout} for it.
     *
     * @throws TimeoutException if it did not answer in time (it goes on in the background)
     * @throws Exception what the call threw
     */
    public <V> V call(Callable<V> call, Duration timeout) throws Exception {
        return await(start(call), timeout.toMillis());
    }

    /** Waits at most {@code millis} for a started call, unwrapping its failure. */
    public static <V> V await(CompletableFuture<V> future, long millis) throws Exception {
        try {
            return future.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
