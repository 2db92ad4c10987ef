package dev.attached.kind.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;

/**
 * The response streams a generation has handed out ({@code getObject} returning a {@link ResponseInputStream}) and
 * not yet got back. Such a stream reads from a pooled connection of the generation's HTTP client, which closing the
 * client would cut: so a stream counts as in use until it is closed or aborted, and a retired generation closes
 * after its last one.
 */
final class OpenStreams {

    private final AtomicInteger open = new AtomicInteger();
    private volatile Runnable onRelease = () -> {
    };

    /** How many streams are out. */
    int count() {
        return open.get();
    }

    /** Runs {@code released} whenever a stream comes back from now on. */
    void onRelease(Runnable released) {
        onRelease = released;
    }

    /** The same stream, counted until it is closed or aborted. */
    <R> ResponseInputStream<R> hold(ResponseInputStream<R> stream) {
        open.incrementAndGet();
        Held held = new Held(stream);
        return new ResponseInputStream<>(stream.response(), AbortableInputStream.create(held, held::abort));
    }

    /** One stream out; gives itself back once, on the first close or abort. */
    private final class Held extends FilterInputStream {

        private final ResponseInputStream<?> stream;
        private final AtomicBoolean released = new AtomicBoolean();

        Held(ResponseInputStream<?> stream) {
            super(stream);
            this.stream = stream;
        }

        void abort() {
            try {
                stream.abort();
            } finally {
                release();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                release();
            }
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
                onRelease.run();
            }
        }
    }

}
