package dev.attached.kind.redis.testing;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

/** Where Lettuce's and Netty's logging goes in the tests: java.util.logging, which a {@code LogCapture} sees. */
public final class NettyLogging {

    private NettyLogging() {
    }

    /**
     * Lettuce and Netty log through Netty's logger factory; make it java.util.logging whatever else is on the class
     * path. Call before Lettuce's classes load (in a test class's static initializer).
     */
    public static void routeToJul() {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }
}
