package dev.attached.impl.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of one PostgreSQL server this test started: its postmaster (from {@code postmaster.pid} in the data
 * directory) and the postmaster's children (from {@code /proc}). Signals go to these process ids only.
 */
final class PostgresProcesses {

    private final Path dataDirectory;

    PostgresProcesses(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    long postmaster() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The postmaster and its children, postmaster first. */
    List<Long> all() {
        long postmaster = postmaster();
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            proc.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(pid -> {
                        try {
                            String stat = Files.readString(Path.of("/proc", pid, "stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            if (Long.parseLong(fields[1]) == postmaster) {
                                pids.add(Long.parseLong(pid));
                            }
                        } catch (IOException | RuntimeException e) {
                            // gone meanwhile
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** Sends a signal ({@code KILL}, {@code STOP}, {@code CONT}) to every process of the server. */
    void signal(String signal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        all().forEach(pid -> command.add(String.valueOf(pid)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
