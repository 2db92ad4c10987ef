package dev.attached.kind.redis.testing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

/**
 * Captures every java.util.logging record of the JVM while open, at every level: Lettuce's and Netty's DEBUG and
 * TRACE output included (they log through java.util.logging here, see {@link #routeNettyToJul()}).
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger root = Logger.getLogger("");
    private final Level previousLevel = root.getLevel();

    public LogCapture() {
        routeNettyToJul();
        setFormatter(new SimpleFormatter());
        setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    /**
     * Lettuce and Netty log through Netty's logger factory; make it java.util.logging whatever else is on the class
     * path. Call before Lettuce's classes load.
     */
    public static void routeNettyToJul() {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    /** The level, logger, message with its parameters, and every exception in the cause chain: what a log shows. */
    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(record.getParameters() == null ? record.getMessage() : getFormatter().formatMessage(record));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.append('\n').toString());
    }

    public String text() {
        return String.join("", lines);
    }

    public int size() {
        return lines.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previousLevel);
    }
}
