package dev.attached.kind.s3.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two real S3 stores, bucket {@code assets-a} and bucket {@code assets-b}, for the tests that swap from one to the
 * other. Register it with {@code @RegisterExtension static}: both start before the class's tests and stop after them.
 */
public final class TwoStores implements BeforeAllCallback, AfterAllCallback {

    private TestStore a;
    private TestStore b;

    @Override
    public void beforeAll(ExtensionContext context) {
        a = TestStore.start("assets-a");
        b = TestStore.start("assets-b");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            a.close();
        } finally {
            b.close();
        }
    }

    /** The store a test starts on. */
    public TestStore a() {
        return a;
    }

    /** The store a test swaps to. */
    public TestStore b() {
        return b;
    }

    /** Removes every object of both buckets. */
    public void clear() {
        a.clear();
        b.clear();
    }
}
