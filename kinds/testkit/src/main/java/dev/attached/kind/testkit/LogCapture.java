package dev.attached.kind.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every {@code java.util.logging} record of the JVM at every level while open, formatted as the console
 * prints it (the module's {@code logging.properties} format, exceptions with their stack traces), so a test can look
 * for the canary password in all of it: Attached's lines and the client's, DEBUG and TRACE included. A client that
 * logs through SLF4J is captured once the kind's tests bind SLF4J to {@code java.util.logging} ({@code slf4j-jdk14}).
 * <p>
 * The root logger is set to {@link Level#ALL}, so is every logger without a level of its own;
 * {@link #quiet(String...)} takes in the loggers that {@code logging.properties} gives a level. Closing restores
 * every level and handler it changed.
 *
 * <pre>
 * try (LogCapture log = new LogCapture()) {
 *     ... // open, probe, fail
 *     Canary.assertAbsent("the log", log.text());
 * }
 * </pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final List<Quieted> quieted = new ArrayList<>();
    private Path file;

    /** A logger taken in by {@link #quiet}, and what it was before. */
    private record Quieted(Logger logger, Level level, boolean useParentHandlers) {
    }

    /** Starts capturing. */
    public LogCapture() {
        setFormatter(new SimpleFormatter());
        setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    /**
     * Captures these loggers at every level too, and only here: their records no longer reach the console. For a
     * client that logs every failure the tests cause on purpose with a stack trace, and that
     * {@code logging.properties} turns off for that reason.
     */
    public LogCapture quiet(String... loggers) {
        for (String name : loggers) {
            Logger logger = Logger.getLogger(name);
            quieted.add(new Quieted(logger, logger.getLevel(), logger.getUseParentHandlers()));
            logger.setLevel(Level.ALL);
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }
        return this;
    }

    /** On {@link #close()}, writes what was captured to {@code target/test-logs/<name>.log}, to read after a failure. */
    public LogCapture savedAs(String name) {
        file = Path.of("target", "test-logs", name + ".log");
        return this;
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(getFormatter().format(record));
    }

    /** Every line captured so far. */
    public String text() {
        return String.join("", lines);
    }

    public boolean contains(String fragment) {
        return text().contains(fragment);
    }

    @Override
    public void flush() {
    }

    /** Stops capturing and restores the loggers; what was captured stays readable. */
    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(rootLevel);
        for (Quieted q : quieted) {
            q.logger().removeHandler(this);
            q.logger().setUseParentHandlers(q.useParentHandlers());
            q.logger().setLevel(q.level());
        }
        quieted.clear();
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text());
            } catch (IOException e) {
                // only for reading after a failure
            }
        }
    }
}
