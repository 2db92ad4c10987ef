package dev.attached.kind.memcached.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every java.util.logging record of the JVM while open, at every level, formatted with its stack trace.
 * XMemcached logs through SLF4J, which the tests bind to java.util.logging (slf4j-jdk14), so its lines land here too:
 * all of them, debug included, but only here (it logs each failed connection attempt with a stack trace, and the
 * tests make many on purpose).
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final List<String> CLIENT_LOGGERS = List.of("net.rubyeye.xmemcached", "com.google.code.yanf4j",
            "remoting");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level previousLevel = root.getLevel();
    private final List<Logger> clientLoggers = CLIENT_LOGGERS.stream().map(Logger::getLogger).toList();
    private final List<Level> clientLevels = clientLoggers.stream().map(Logger::getLevel).toList();

    private final String name;

    /** @param name the file under target/test-logs the captured lines are written to when closed */
    public LogCapture(String name) {
        this.name = name;
        setFormatter(new SimpleFormatter());
        setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(this);
        for (Logger logger : clientLoggers) {
            logger.setLevel(Level.ALL);
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(getFormatter().format(record));
    }

    public String text() {
        return String.join("", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-logs"));
            Files.writeString(dir.resolve(name + ".log"), text());
        } catch (IOException e) {
            // only for reading after a failure
        }
        root.removeHandler(this);
        root.setLevel(previousLevel);
        for (int i = 0; i < clientLoggers.size(); i++) {
            clientLoggers.get(i).removeHandler(this);
            clientLoggers.get(i).setUseParentHandlers(true);
            clientLoggers.get(i).setLevel(clientLevels.get(i));
        }
    }
}
