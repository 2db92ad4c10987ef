package dev.attached.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.agroal.api.AgroalDataSource;

import dev.attached.benchmarks.Databases.Server;

/**
 * Step 4: start-up of an application in Weld SE (with SmallRye Config and SmallRye Health) without Attached, with
 * Attached and no resource, and with 20 DataSource resources; each start a fresh JVM, the three in turn, round
 * after round, so a drifting machine moves them alike. The goal holds the difference between 20 resources and none,
 * taken round by round.
 */
final class StartupStep {

    static final long GOAL_MILLIS = 150;
    private static final List<String> MODES = List.of("none", "bare20", "0", "1", "20");

    /** One start: Weld's boot in the process, JVM start to ready, and the whole process from outside. */
    private record Start(double weld, double ready, double process, double classes, double cpu) {
    }

    private StartupStep() {
    }

    static Section run(boolean quick) throws Exception {
        Section section = new Section("4. Start-up: Weld SE with 0 and 20 resources");
        int rounds = quick ? 3 : 6;
        Map<String, List<Start>> starts = new LinkedHashMap<>();
        MODES.forEach(m -> starts.put(m, new ArrayList<>()));
        for (String mode : MODES) {
            start(mode); // warm-up: the file system cache, the JIT's class data
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < MODES.size(); i++) {
                String mode = MODES.get((i + round) % MODES.size());
                starts.get(mode).add(start(mode));
            }
        }
        List<Double> readyDiffs = new ArrayList<>();
        List<Double> weldDiffs = new ArrayList<>();
        List<Double> processDiffs = new ArrayList<>();
        List<Double> cpuDiffs = new ArrayList<>();
        List<Double> perResource = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Start zero = starts.get("0").get(r);
            Start twenty = starts.get("20").get(r);
            readyDiffs.add(twenty.ready() - zero.ready());
            weldDiffs.add(twenty.weld() - zero.weld());
            processDiffs.add(twenty.process() - zero.process());
            cpuDiffs.add(twenty.cpu() - zero.cpu());
            perResource.add((twenty.cpu() - starts.get("1").get(r).cpu()) / 19);
        }
        double ready = Stats.median(readyDiffs);
        double cpu = Stats.median(cpuDiffs);
        section.row(Row.met(cpu <= GOAL_MILLIS, "Start-up, 20 resources against 0 (JVM start to application ready: "
                + "processor time; elapsed in brackets)", "<= +150 ms",
                String.format("0 resources: %.0f ms CPU (%.0f ms elapsed)", median(starts.get("0"), Start::cpu),
                        median(starts.get("0"), Start::ready)),
                String.format("20 resources: %.0f ms CPU (%.0f ms elapsed)", median(starts.get("20"), Start::cpu),
                        median(starts.get("20"), Start::ready)),
                String.format("%+.0f ms CPU (%+.0f ms elapsed; by round %+.0f to %+.0f)", cpu, ready, Stats.min(
                        readyDiffs), Stats.max(readyDiffs)),
                String.format("by %.0f ms", cpu - GOAL_MILLIS)));
        section.row(Row.info("Start-up, 20 bare Agroal pools made by the application, no Attached (processor time)",
                String.format("no pool: %.0f ms", median(starts.get("none"), Start::cpu)), String.format(
                        "20 pools: %.0f ms (%+.0f ms); Attached with 20 resources %+.0f ms over Attached with none",
                        median(starts.get("bare20"), Start::cpu), median(starts.get("bare20"), Start::cpu) - median(
                                starts.get("none"), Start::cpu),
                        cpu),
                "-"));
        section.row(Row.info("Start-up, 1 resource against 0 (processor time)", String.format("0 resources: %.0f ms",
                median(starts.get("0"), Start::cpu)),
                String.format("1 resource: %.0f ms", median(starts.get("1"),
                        Start::cpu)),
                String.format("%+.0f ms; each further resource %+.1f ms", median(starts.get("1"), Start::cpu)
                        - median(starts.get("0"), Start::cpu), Stats.median(perResource))));
        section.row(Row.info("Start-up, Attached with no resource against no Attached (processor time)", String
                .format("no Attached: %.0f ms", median(starts.get("none"), Start::cpu)),
                String.format("%.0f ms",
                        median(starts.get("0"), Start::cpu)),
                Stats.ratio(median(starts.get("0"), Start::cpu) / median(starts.get("none"), Start::cpu))));
        section.detail("| application | Weld boot in the process, ms (median) | JVM start to ready, ms | whole "
                + "process, start to exit, ms | processor time to ready, ms | classes loaded |");
        section.detail("|---|---|---|---|---|---|");
        for (String mode : MODES) {
            String label = switch (mode) {
                case "none" -> "Weld SE + SmallRye Config + SmallRye Health, no Attached";
                case "bare20" -> "the same, no Attached, the application making 20 bare Agroal pools itself";
                case "0" -> "the same with Attached, no resource";
                case "1" -> "the same with 1 DataSource resource";
                default -> "the same with 20 DataSource resources";
            };
            section.detail(String.format("| %s | %.0f | %.0f | %.0f | %.0f | %.0f |", label, median(starts.get(mode),
                    Start::weld), median(starts.get(mode), Start::ready), median(starts.get(mode), Start::process),
                    median(starts.get(mode), Start::cpu), median(starts.get(mode), Start::classes)));
        }
        section.detail(String.format("| 20 resources minus 0, round by round (median) | %+.0f | %+.0f | %+.0f | %+.0f "
                + "| |", Stats.median(weldDiffs), ready, Stats.median(processDiffs), cpu));
        section.note(String.format("The goal is held against processor time (all the JVM's threads, from its start "
                + "to the application being ready): elapsed start-up time on this shared machine moves by hundreds "
                + "of milliseconds from one start to the next (the 20-minus-0 difference ranged from %+.0f to %+.0f "
                + "ms between rounds), while the work a start does does not; and since the JIT and GC threads work "
                + "alongside the main thread, the processor time a start adds is at least the elapsed time it adds "
                + "on an idle machine: the stricter measure.", Stats.min(readyDiffs), Stats.max(readyDiffs)));
        section.note(String.format("Of the 20 resources' cost, the first resource accounts for %+.0f ms of processor "
                + "time and each further one for %+.1f ms (medians, round by round). The first loads and runs for "
                + "the first time about %.0f more classes (Attached's kind, configuration and health code, "
                + "the JDBC drivers found through ServiceLoader, the bean's injection points in Weld), which a cold "
                + "JVM interprets before the JIT has compiled anything; the load average was %s on %d processors.",
                median(starts.get("1"), Start::cpu) - median(starts.get("0"), Start::cpu), Stats.median(perResource),
                median(starts.get("1"), Start::classes) - median(starts.get("0"), Start::classes), Machine
                        .loadAverage(),
                Runtime.getRuntime().availableProcessors()));
        section.note("Where a further resource's start-up time went, from stack-sampling profiles of warm "
                + "20-resource boots (not re-measured by each run). Before: about a third was Agroal starting a "
                + "housekeeping thread per pool, about a third a `ServiceLoader` over the class path per resource to "
                + "find its JDBC driver, the rest reading and checking the configuration. Since then an application's "
                + "drivers are found once per class loader (`JdbcDrivers`), a DataSource's Agroal pool is made when "
                + "something first needs it (a caller, a probe, a swap; `pool.initial-size` or `pool.min-size` above 0 "
                + "make it at start), so a resource declared costs no thread and loads none of Agroal at start-up, and "
                + "the environment-variable form of a key is computed without a regular expression (it was computed "
                + "for every other resource's name at every resource's read). In a profile after these changes (6 "
                + "boots, main thread sampled every millisecond) Attached's whole start (reading, checking and "
                + "attaching the 20 resources) was about 11% of the main thread's samples; the rest is Weld's boot "
                + "and the JVM's first runs of the code, shared with the application without resources.");
        section.note(String.format("%d rounds after one warm-up start of each; every start is a fresh JVM "
                + "(`-Xmx256m`, the JVM defaults otherwise). The 20 resources are PostgreSQL DataSources; none opens "
                + "a connection at start (`pool.initial-size=0`, the default), so the figure is Attached's own "
                + "work: reading and checking 20 configurations, 20 beans and 20 readiness checks (the pools are made "
                + "on first use).", rounds));
        return section;
    }

    private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> figure) {
        return Stats.median(starts.stream().map(s -> figure.applyAsDouble(s)).toList());
    }

    private static Start start(String mode) throws Exception {
        Server pg = Databases.postgres();
        List<String> command = new ArrayList<>(List.of(Main.javaExecutable(), "-Xmx256m"));
        command.addAll(pg.properties());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Boot.class.getName(), mode));
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line;
        String boot = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("BOOT ")) {
                    boot = line;
                }
            }
        }
        int exit = process.waitFor();
        double wall = (System.nanoTime() - begin) / 1e6;
        if (exit != 0 || boot == null) {
            throw new IllegalStateException("start-up with " + mode + " failed (exit " + exit + "):\n" + output);
        }
        String[] parts = boot.split(" ");
        return new Start(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), wall, Double.parseDouble(
                parts[3]), Double.parseDouble(parts[4]));
    }

    /** One application start, in its own JVM; prints {@code BOOT <weld ms> <JVM start to ready ms>}. */
    public static final class Boot {

        private Boot() {
        }

        public static void main(String[] args) {
            String mode = args[0];
            Map<String, String> config = new HashMap<>();
            Server pg = Databases.postgres();
            config.put("attached." + OneDatabase.NAME + ".url", pg.jdbcUrl(Databases.PG_A));
            config.put("attached." + OneDatabase.NAME + ".username", pg.user());
            for (String name : TwentyDatabases.NAMES) {
                config.put("attached." + name + ".url", pg.jdbcUrl(Databases.PG_A));
                config.put("attached." + name + ".username", pg.user());
            }
            long start = System.nanoTime();
            BenchApp app = switch (mode) {
                case "none", "bare20" -> BenchApp.start(false, config, NoDatabase.class);
                case "0" -> BenchApp.start(true, config, NoDatabase.class);
                case "1" -> BenchApp.start(true, config, OneDatabase.class);
                default -> BenchApp.start(true, config, TwentyDatabases.class);
            };
            List<AgroalDataSource> pools = new ArrayList<>();
            if (mode.equals("bare20")) { // the application makes its own 20 pools, as it would without Attached
                for (String name : TwentyDatabases.NAMES) {
                    try {
                        pools.add(BareAgroal.open(pg.jdbcUrl(Databases.PG_A), pg.user(), pg.password()));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            long weld = System.nanoTime() - start;
            long ready = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            if (mode.equals("20") && app.resources().names().size() != 20) {
                throw new IllegalStateException("expected 20 resources, got " + app.resources().names());
            }
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            System.out.printf("BOOT %.1f %d %d %.1f%n", weld / 1e6, ready, ManagementFactory.getClassLoadingMXBean()
                    .getTotalLoadedClassCount(), cpu / 1e6);
            app.close();
            System.exit(0);
        }
    }
}
