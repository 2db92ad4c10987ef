package dev.attached.kind.memcached.testing;

import dev.attached.kind.testkit.LogCapture;

/**
 * How the memcached tests capture logs: XMemcached logs through SLF4J, which the tests bind to java.util.logging
 * ({@code slf4j-jdk14}), and logs each failed connection attempt at ERROR with a stack trace. The tests make many on
 * purpose, so {@code logging.properties} turns its loggers off; a capture takes in all of their lines, DEBUG included,
 * but keeps them off the console.
 */
public final class ClientLog {

    /** XMemcached's loggers, and those of the network layer it ships (yanf4j). */
    private static final String[] LOGGERS = {"net.rubyeye.xmemcached", "com.google.code.yanf4j", "remoting"};

    private ClientLog() {
    }

    /** Captures every record, XMemcached's included; closing it saves them as {@code target/test-logs/<name>.log}. */
    public static LogCapture capture(String name) {
        return new LogCapture().quiet(LOGGERS).savedAs(name);
    }
}
