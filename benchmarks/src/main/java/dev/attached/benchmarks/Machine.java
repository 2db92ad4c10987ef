package dev.attached.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine a run measured: processors, memory, CPU model, operating system, JVM. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        long totalBytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format("%d processors (nproc)%s, %.1f GiB memory, %s %s; JVM %s %s (%s), -Xmx of the steps %s",
                runtime.availableProcessors(), cpuModel(), totalBytes / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.vm.vendor"),
                System.getProperty("java.vm.version"), System.getProperty("java.vm.name"), "1 GiB");
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> " (" + l.substring(l.indexOf(':') + 1).strip() + ")").orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The load average now: a shared machine says here how busy it was. */
    static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format("%.2f", load);
    }
}
