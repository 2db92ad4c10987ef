package dev.attached.kind.rabbitmq.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log record of the JVM while open, at every level for Attached and the RabbitMQ client (whose SLF4J
 * output reaches java.util.logging through slf4j-jdk14), formatted as a console handler would print it.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final String[] WATCHED = {"", "dev.attached", "com.rabbitmq"};

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level[] previous = new Level[WATCHED.length];

    public LogCapture() {
        setFormatter(new SimpleFormatter());
        setLevel(Level.ALL);
        for (int i = 0; i < WATCHED.length; i++) {
            Logger logger = Logger.getLogger(WATCHED[i]);
            previous[i] = logger.getLevel();
            logger.setLevel(Level.ALL);
        }
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(getFormatter().format(record));
    }

    public String text() {
        return String.join("", lines);
    }

    public boolean contains(String fragment) {
        return text().contains(fragment);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        for (int i = 0; i < WATCHED.length; i++) {
            Logger.getLogger(WATCHED[i]).setLevel(previous[i]);
        }
    }
}
