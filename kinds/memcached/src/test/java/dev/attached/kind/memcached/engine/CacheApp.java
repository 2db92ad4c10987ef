package dev.attached.kind.memcached.engine;

import dev.attached.kind.memcached.testing.ClientLog;
import dev.attached.kind.testkit.SwapRecorder;
import dev.attached.kind.testkit.TestApp;

/** The application of the engine tests: a {@link CacheUser} and a {@link SwapRecorder}, XMemcached's log included. */
final class CacheApp {

    private CacheApp() {
    }

    /**
     * Starts it with exactly key, value, key, value... as configuration; its log is saved as
     * {@code target/test-logs/<logName>.log}. A deployment failure is thrown as Weld throws it.
     */
    static TestApp start(String logName, String... config) {
        return TestApp.with(config).beans(CacheUser.class, SwapRecorder.class).log(() -> ClientLog.capture(logName))
                .start();
    }
}
