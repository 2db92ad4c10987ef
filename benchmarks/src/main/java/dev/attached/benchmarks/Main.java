package dev.attached.benchmarks;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmarks and writes the report. Each step but the JMH one runs in a JVM of its own (JMH forks one per
 * run), so no step inherits another's heap or threads.
 *
 * <pre>
 * java -cp ... dev.attached.benchmarks.Main [--out docs/PERFORMANCE.md] [--quick] [all | jmh load readiness startup memory fleet]
 * </pre>
 */
public final class Main {

    static final List<String> STEPS = List.of("jmh", "load", "readiness", "startup", "memory", "fleet");

    /** The command that runs it all, as the report quotes it. */
    static final String COMMAND = "mvn -B install -DskipTests -DskipWithoutMail -pl extension-api,extension-impl && "
            + "mvn -B verify -f benchmarks/pom.xml -Pbenchmarks";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("PERFORMANCE.md");
        boolean quick = false;
        Set<String> steps = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "all" -> steps.addAll(STEPS);
                default -> {
                    if (!STEPS.contains(args[i])) {
                        throw new IllegalArgumentException("unknown step " + args[i] + "; steps: " + STEPS);
                    }
                    steps.add(args[i]);
                }
            }
        }
        if (steps.isEmpty()) {
            steps.addAll(STEPS);
        }
        BenchApp.quietLogs();
        long start = System.nanoTime();
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String machine = Machine.describe();
        System.out.println("Machine: " + machine);
        List<Section> sections = new ArrayList<>();
        try (Databases databases = Databases.start()) {
            System.out.println("PostgreSQL: " + databases.postgresOrigin + "; MariaDB: "
                    + databases.mariadb.map(m -> m.host() + ":" + m.port()).orElse("none"));
            databases.recreate();
            List<String> properties = new ArrayList<>(databases.postgres.properties());
            databases.mariadb.ifPresent(m -> properties.addAll(m.properties()));
            for (String step : steps) {
                long stepStart = System.nanoTime();
                String loadBefore = Machine.loadAverage();
                System.out.println("== " + step + " (load average " + loadBefore + ")");
                Section section;
                try {
                    section = step.equals("jmh")
                            ? new JmhStep(quick ? 1 : 3, 5, 12, properties).run()
                            : inChildJvm(step, quick, properties);
                } catch (Exception | LinkageError e) { // a step that fails is reported; the others still run
                    e.printStackTrace();
                    section = new Section(step + ": the step failed");
                    section.note("It failed with " + e + "; see the run's console output.");
                }
                section.millis = Duration.ofNanos(System.nanoTime() - stepStart).toMillis();
                section.loadBefore = loadBefore;
                section.loadAfter = Machine.loadAverage();
                sections.add(section);
                databases.recreate();
            }
            String postgres = databases.postgresOrigin;
            String mariadb = databases.mariadb.map(m -> "the machine's MariaDB at " + m.host() + ":" + m.port())
                    .orElse("none (the PostgreSQL -> MariaDB scenario was skipped)");
            Report.write(out, new Report.Run(started, machine, postgres, mariadb, engine(), COMMAND,
                    Duration.ofNanos(System.nanoTime() - start), quick), sections);
        }
        System.out.println("Wrote " + out.toAbsolutePath().normalize());
    }

    /** Runs one step in a JVM of its own, which hands its section back in a file. */
    private static Section inChildJvm(String step, boolean quick, List<String> properties)
            throws IOException, InterruptedException, ClassNotFoundException {
        Path result = Files.createTempFile("attached-bench-" + step, ".ser");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx1g", "-XX:+UseG1GC"));
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StepMain.class.getName(), step,
                result.toString(), String.valueOf(quick)));
        Process process = new ProcessBuilder(command).inheritIO().start();
        int exit = process.waitFor();
        if (exit != 0) {
            Section failed = new Section(step + ": the step failed (exit " + exit + ")");
            failed.note("See the run's console output.");
            return failed;
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(result))) {
            return (Section) in.readObject();
        } finally {
            Files.deleteIfExists(result);
        }
    }

    /** The commit measured (the working tree's, if it has uncommitted changes, is said so). */
    private static String engine() {
        try {
            Process git = new ProcessBuilder("git", "log", "-1", "--format=%h (%cs) %s").redirectErrorStream(true)
                    .start();
            String commit = new String(git.getInputStream().readAllBytes()).strip();
            Process status = new ProcessBuilder("git", "status", "--porcelain", "--", "../extension-api",
                    "../extension-impl").redirectErrorStream(true).start();
            String changes = new String(status.getInputStream().readAllBytes()).strip();
            if (git.waitFor() != 0) {
                return "(not a git work tree)";
            }
            status.waitFor();
            commit = commit.length() > 100 ? commit.substring(0, 100) + "..." : commit;
            return "commit " + commit + (changes.isEmpty() ? "" : "; with uncommitted changes to the engine");
        } catch (IOException | InterruptedException e) {
            return "(git not available)";
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The entry point of a step's JVM. */
    public static final class StepMain {

        private StepMain() {
        }

        public static void main(String[] args) throws Exception {
            BenchApp.quietLogs();
            String step = args[0];
            boolean quick = Boolean.parseBoolean(args[2]);
            Section section = switch (step) {
                case "load" -> LoadHarness.run(quick);
                case "readiness" -> ReadinessStep.run(quick);
                case "startup" -> StartupStep.run(quick);
                case "memory" -> MemoryStep.run(quick);
                case "fleet" -> FleetStep.run(quick);
                default -> throw new IllegalArgumentException(step);
            };
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(args[1])))) {
                out.writeObject(section);
            }
            System.exit(0); // pools' and probes' daemon threads may still be winding down
        }
    }
}
