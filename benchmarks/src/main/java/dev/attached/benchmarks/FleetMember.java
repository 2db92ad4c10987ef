package dev.attached.benchmarks;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Instant;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.attached.ResourceStatus;
import dev.attached.spi.ObservableConfigSource;

/**
 * One replica of the fleet step, in a JVM of its own: an application with one DataSource resource whose
 * configuration Attached's directory source reads from the folder the step rotates ({@code attached.config.dir}).
 * It talks to the step in lines on its standard output, each as it happens, with the wall-clock time in
 * microseconds since the epoch (the members and the step share the machine's clock) and the JVM's processor time: {@code READY}, once booted and
 * its pool answers; {@code SIGNAL}, when the directory source reports a change; {@code SWAP} and {@code FAILED}, for
 * every {@code ResourceSwapped} and {@code ResourceSwapFailed}. It stops when its standard input closes.
 */
public final class FleetMember {

    private FleetMember() {
    }

    public static void main(String[] args) throws Exception {
        BenchApp app = BenchApp.startWithDiscoveredSources(FleetDatabase.class);
        for (ConfigSource source : ConfigProvider.getConfig().getConfigSources()) {
            if (source instanceof ObservableConfigSource observable && source.getName().startsWith(
                    "attached-directory:")) {
                observable.addChangeListener(keys -> say("SIGNAL 0 " + stamp() + " " + keys.size() + " keys"));
            }
        }
        try (Connection connection = app.select(FleetDatabase.class).db().getConnection()) {
            connection.isValid(5); // the first generation answers before the step rotates anything
        }
        ResourceStatus status = app.resources().status(FleetDatabase.NAME);
        say("READY " + status.generation() + " " + stamp() + " " + status.location());
        while (System.in.read() >= 0) {
            // the step closes our standard input when it has seen enough
        }
        app.close();
        System.exit(0); // the pools' daemon threads may still be winding down
    }

    /** Now, as the step reads it: wall-clock microseconds since the epoch, and this JVM's processor time so far. */
    static String stamp() {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return nowMicros() + " " + cpu / 1_000;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
