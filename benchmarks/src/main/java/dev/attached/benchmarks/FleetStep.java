package dev.attached.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Step 6: a fleet. Eight JVMs, as the replicas of one Deployment, each an application with one DataSource resource
 * configured by Attached's directory source from one shared folder laid out as the kubelet mounts a Secret. The step
 * rotates the Secret once (new url and password, {@code ..data} flipped in one rename) and counts the swaps each
 * replica makes and when; then once more with the url and the password written as two plain files one after the
 * other, as a hand-edited folder gets them.
 */
final class FleetStep {

    static final int REPLICAS = 8;
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration SETTLE = Duration.ofMillis(500);
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(5);
    private static final Duration SWAP_DEADLINE = Duration.ofMinutes(2);
    private static final long GAP_MILLIS = 100;

    private static final String URL = "attached." + FleetDatabase.NAME + ".url";
    private static final String USERNAME = "attached." + FleetDatabase.NAME + ".username";
    private static final String PASSWORD = "attached." + FleetDatabase.NAME + ".password";
    private static final String ACQUISITION_TIMEOUT = "attached." + FleetDatabase.NAME + ".pool.acquisition-timeout";

    /** A line a replica wrote: {@code KIND generation wall-clock-micros processor-micros rest}. */
    private record Line(String kind, long generation, long micros, long cpuMicros, String rest) {

        static Line parse(String text) {
            String[] parts = text.split(" ", 5);
            return new Line(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    parts.length > 4 ? parts[4] : "");
        }
    }

    /** One replica's JVM and what it said, as it said it. */
    private static final class Replica implements AutoCloseable {

        final int index;
        final Process process;
        final Path errors;
        final List<Line> lines = new CopyOnWriteArrayList<>();

        Replica(int index, Path folder, Object changed) throws IOException {
            this.index = index;
            this.errors = Files.createTempFile("attached-fleet-" + index, ".log");
            List<String> command = List.of(Main.javaExecutable(), "-Xmx192m", "-Dattached.config.dir=" + folder,
                    "-Dattached.config.poll=" + POLL.toMillis() + "ms", "-Dattached.change-settle=" + SETTLE
                            .toMillis() + "ms",
                    // eight JVMs booting at once on a shared machine: the first connection may wait its turn
                    "-D" + ACQUISITION_TIMEOUT + "=60s",
                    "-cp", System.getProperty("java.class.path"), FleetMember.class.getName());
            process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            Thread reader = new Thread(() -> read(changed), "fleet-replica-" + index);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Object changed) {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String text;
                while ((text = out.readLine()) != null) {
                    if (text.startsWith("READY ") || text.startsWith("SIGNAL ") || text.startsWith("SWAP ") || text
                            .startsWith("FAILED ")) {
                        lines.add(Line.parse(text));
                        synchronized (changed) {
                            changed.notifyAll();
                        }
                    }
                }
            } catch (IOException e) {
                // the replica is gone: the waits see it
            } finally {
                synchronized (changed) {
                    changed.notifyAll();
                }
            }
        }

        List<Line> of(String kind) {
            return lines.stream().filter(l -> l.kind().equals(kind)).toList();
        }

        boolean ready() {
            return !of("READY").isEmpty();
        }

        String errorTail() {
            try {
                List<String> all = Files.readAllLines(errors);
                return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
            } catch (IOException e) {
                return "(no error output: " + e + ")";
            }
        }

        /** Closes its standard input, which ends it; forcibly if it does not end. */
        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(errors);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }

    /** What one rotation did in every replica. */
    private record Outcome(String write, long rotationMicros, List<List<Line>> swaps, List<List<Line>> signals,
            List<List<Line>> failures, String loadAverage) {

        boolean exactlyOneSwapEach() {
            return swaps.stream().allMatch(s -> s.size() == 1 && s.get(0).generation() == 2 && s.get(0).rest()
                    .contains("fleet-b")) && failures.stream().allMatch(List::isEmpty);
        }

        String swapCounts() {
            return swaps.stream().map(s -> String.valueOf(s.size())).collect(Collectors.joining(", "));
        }

        /** Milliseconds from the rotation to each replica's first line of a kind. */
        List<Double> millisTo(List<List<Line>> lines) {
            return lines.stream().filter(l -> !l.isEmpty()).map(l -> (l.get(0).micros() - rotationMicros) / 1e3)
                    .toList();
        }

        List<Double> signalToCutover() {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < swaps.size(); i++) {
                if (!swaps.get(i).isEmpty() && !signals.get(i).isEmpty()) {
                    millis.add((swaps.get(i).get(0).micros() - signals.get(i).get(0).micros()) / 1e3);
                }
            }
            return millis;
        }

        /** Each replica's processor time (all its threads) from the change signal to the cutover. */
        List<Double> signalToCutoverCpu() {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < swaps.size(); i++) {
                if (!swaps.get(i).isEmpty() && !signals.get(i).isEmpty()) {
                    millis.add((swaps.get(i).get(0).cpuMicros() - signals.get(i).get(0).cpuMicros()) / 1e3);
                }
            }
            return millis;
        }

        List<Double> cutovers() {
            return millisTo(swaps);
        }

        double spread() {
            return Stats.max(cutovers()) - Stats.min(cutovers());
        }
    }

    private FleetStep() {
    }

    static Section run(boolean quick) throws Exception {
        Section section = new Section("6. Fleet: " + REPLICAS + " replicas watching one Secret mount");
        String password = "pw-" + UUID.randomUUID(); // never printed: the replicas only say where they swapped to
        Outcome kubelet = rotate(true, password);
        Outcome twoFiles = rotate(false, password);

        section.row(Row.met(kubelet.exactlyOneSwapEach(), "Fleet: one Secret rotation (the kubelet's atomic `..data` "
                + "flip: new url and password) seen by " + REPLICAS + " replicas: swaps per replica",
                "exactly 1 each",
                "1 rotation", kubelet.swapCounts() + " (each to generation 2 on the new database)", "-",
                "swaps per replica " + kubelet.swapCounts() + failuresSaid(kubelet)));
        section.row(Row.info("Fleet: rotation to cutover (`ResourceSwapped`) per replica, and the spread of the "
                + "cutovers", "poll " + POLL.toMillis() + " ms, settle " + SETTLE.toMillis() + " ms",
                range(kubelet
                        .cutovers()),
                String.format("spread %.0f ms", kubelet.spread())));
        section.row(Row.met(twoFiles.exactlyOneSwapEach(), "Fleet: url and password written as two plain files "
                + GAP_MILLIS + " ms apart (not atomic): swaps per replica", "exactly 1 each", "1 change in 2 writes",
                twoFiles.swapCounts() + "; rotation to cutover " + range(twoFiles.cutovers()), String.format(
                        "spread %.0f ms", twoFiles.spread()),
                "swaps per replica " + twoFiles.swapCounts() + failuresSaid(twoFiles)));

        section.detail("| how the change is written | swaps per replica | rotation to the source's change signal, ms "
                + "(min / median / max) | signal to cutover, ms | of which the replica's processor time, ms | rotation "
                + "to cutover, ms | spread of the cutovers | load average |");
        section.detail("|---|---|---|---|---|---|---|---|");
        for (Outcome outcome : List.of(kubelet, twoFiles)) {
            section.detail(String.format("| %s | %s | %s | %s | %s | %s | %.0f ms | %s |", outcome.write(),
                    outcome.swapCounts(), range(outcome.millisTo(outcome.signals())), range(outcome
                            .signalToCutover()),
                    range(outcome.signalToCutoverCpu()), range(outcome.cutovers()), outcome.spread(), outcome
                            .loadAverage()));
        }
        section.detail("");
        for (Outcome outcome : List.of(kubelet, twoFiles)) {
            section.detail("Per replica, " + outcome.write() + " (ms after the rotation: signal / cutover): "
                    + perReplica(outcome) + ".");
            section.detail("");
        }

        long quietPolls = (POLL.plus(SETTLE).toMillis() + POLL.toMillis() - 1) / POLL.toMillis();
        long least = quietPolls * POLL.toMillis() + SETTLE.toMillis();
        section.note(String.format("Each replica is a JVM of its own (`-Xmx192m`) booting Weld SE, SmallRye Config "
                + "(with its discovered sources) and SmallRye Health with Attached, one `@AttachedResource(\"%s\") "
                + "DataSource` (its first connection may wait up to 60 s, `pool.acquisition-timeout`, as eight JVMs boot at once), H2 in memory (`jdbc:h2:mem:fleet-a`, then `jdbc:h2:mem:fleet-b` with a new password), "
                + "and Attached's directory source on the shared folder (`attached.config.dir`), polling every %d ms "
                + "(`attached.config.poll`, the default 1s) with a settle of %d ms (`attached.change-settle`, the "
                + "default). A replica reports each `ResourceSwapped` (fired right after the cutover) and each change "
                + "signal of the source the moment it happens, with its own wall-clock time; the rotation's time is "
                + "taken by the step right after the rename that makes the new values visible (or the first of the "
                + "two writes). The step waits until every replica has swapped, then %d ms more (twice poll + "
                + "settle, and a second) for any second swap, and stops the replicas.", FleetDatabase.NAME,
                POLL
                        .toMillis(),
                SETTLE.toMillis(), 2 * POLL.plus(SETTLE).toMillis() + 1000));
        section.note(String.format("Where Attached's part of the time goes: a replica's next poll sees the change (0 "
                + "to %d ms later: where each replica's poll timer happens to stand, which is what spreads the fleet, "
                + "by up to one poll interval on an idle machine, more where the polls themselves run late); the source reports it once the folder has read the same for poll + "
                + "settle, which it checks at its polls (%d polls, %d ms, at these settings); the swap waits the "
                + "settle once more (%d ms), then opens and probes the new pool and cuts over. So a rotation reaches "
                + "a replica %d to %d ms after it, plus the swap's own work (the signal-to-cutover column less the "
                + "settle); on a machine whose processors other work keeps busy, most of that is waiting for a "
                + "processor, as the processor-time column shows, and the polls themselves run late. A shorter poll interval and settle "
                + "shorten it, at the cost of reading the folder more often.", POLL.toMillis(), quietPolls,
                quietPolls * POLL.toMillis(), SETTLE.toMillis(), least, least + POLL.toMillis()));
        section.note("Two files written " + GAP_MILLIS + " ms apart (the url, then the password, each rewritten in "
                + "place, as an operator editing a mounted folder by hand or a tool writing file by file does) still "
                + "make one swap per replica: a poll that catches the folder between the two writes (or a file while "
                + "it is rewritten) only starts the quiet period over, so the source reports the change once, whole. "
                + "Writes further apart than poll + settle would be two changes, and two swaps.");
        section.note("On a real cluster the time from `kubectl apply` of a changed Secret to the new files in the "
                + "pods' volume is not Attached's but the kubelet's, and it dominates: the Kubernetes documentation "
                + "(Secrets, \"Mounted Secrets are updated automatically\") says the kubelet checks a mounted "
                + "Secret on its periodic sync, so the delay \"can be as long as the kubelet sync period + cache "
                + "propagation delay\"; the kubelet's `syncFrequency` (`--sync-frequency`) is \"the max period "
                + "between synchronizing running containers and config\", default 1 minute (KubeletConfiguration "
                + "reference), and the cache part depends on `configMapAndSecretChangeDetectionStrategy` (`Get`, "
                + "`Cache` with a TTL, or `Watch`, the default). Replicas on different nodes, or synced at different "
                + "moments, pick the new Secret up as much as a sync period apart, so on a cluster the fleet's spread "
                + "is the kubelets' (up to a sync period), not Attached's (up to a poll interval, plus the swap's own "
                + "work). A third-party reading of "
                + "the kubelet's code (ahmet.im/blog/kubernetes-secret-volumes-delay) puts it at 60 to 90 "
                + "seconds with the defaults and found that the detection strategy only decides how the kubelet "
                + "learns the Secret's content, not when it rewrites the volume. A container that mounts a Secret "
                + "key with `subPath` never sees an update (Kubernetes documentation): mount the whole Secret as a "
                + "folder and point `attached.config.dir` at it.");
        section.note("How to shorten it: lower the kubelet's `syncFrequency` where the platform lets you configure "
                + "the kubelet (it applies to every pod on the node, and the kubelet then does all its periodic "
                + "work more often); keep `configMapAndSecretChangeDetectionStrategy` at `Watch` (with `Cache`, the "
                + "cache's TTL adds to the delay; `Watch` does not by itself make the volume change sooner); or make "
                + "the kubelet sync the pods at once by changing the Pod objects after the Secret, e.g. an annotation "
                + "patched onto each running pod (not onto the Deployment's pod template, which would replace the "
                + "pods). The last is read from the kubelet's source, not from its documentation, and not measured "
                + "here: a change to a Pod object starts a sync of that pod, and every pod sync marks its volumes for "
                + "a remount (`volumeManager.WaitForAttachAndMount`: \"atomically updating volumes ... depend on "
                + "this\"), which rewrites a Secret volume from the kubelet's cached copy. Attached adds, after the "
                + "files change, the figures above (" + least + " to " + (least + POLL.toMillis()) + " ms at the "
                + "defaults, plus the swap's own work), which `attached.config.poll` and `attached.change-settle` "
                + "shorten; on an idle machine, the replicas that one kubelet's write reaches all swap within one poll interval of "
                + "each other.");
        return section;
    }

    private static String failuresSaid(Outcome outcome) {
        long failed = outcome.failures().stream().mapToLong(List::size).sum();
        return failed == 0 ? "" : "; " + failed + " failed swaps";
    }

    private static String range(List<Double> millis) {
        if (millis.isEmpty()) {
            return "-";
        }
        return String.format("%.0f / %.0f / %.0f", Stats.min(millis), Stats.median(millis), Stats.max(millis));
    }

    private static String perReplica(Outcome outcome) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < outcome.swaps().size(); i++) {
            List<Line> signals = outcome.signals().get(i);
            List<Line> swaps = outcome.swaps().get(i);
            parts.add(String.format("%d: %s / %s", i + 1, signals.isEmpty()
                    ? "-"
                    : String.format("%.0f", (signals.get(0).micros() - outcome.rotationMicros()) / 1e3),
                    swaps.isEmpty()
                            ? "-"
                            : swaps.stream().map(s -> String.format("%.0f", (s.micros() - outcome.rotationMicros())
                                    / 1e3)).collect(Collectors.joining(" and "))));
        }
        return String.join("; ", parts);
    }

    /** Starts the replicas on a fresh folder, rotates it once, and collects what every replica saw. */
    private static Outcome rotate(boolean atomic, String password) throws Exception {
        Path folder = Files.createTempDirectory("attached-fleet");
        SecretVolume volume = new SecretVolume(folder);
        Map<String, String> first = values("jdbc:h2:mem:fleet-a", password + "-a");
        Map<String, String> second = values("jdbc:h2:mem:fleet-b", password + "-b");
        if (atomic) {
            volume.write(first);
        } else {
            for (Map.Entry<String, String> entry : first.entrySet()) {
                Files.writeString(folder.resolve(entry.getKey()), entry.getValue());
            }
        }
        Object changed = new Object();
        List<Replica> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(new Replica(i + 1, folder, changed));
            }
            await(changed, replicas, () -> replicas.stream().allMatch(Replica::ready), BOOT_DEADLINE,
                    "every replica ready");
            String load = Machine.loadAverage();
            long rotation;
            if (atomic) {
                rotation = volume.write(second);
            } else {
                Files.writeString(folder.resolve(URL), second.get(URL));
                rotation = FleetMember.nowMicros();
                Thread.sleep(GAP_MILLIS); // the gap between the two writes is the scenario, not a wait for anything
                Files.writeString(folder.resolve(PASSWORD), second.get(PASSWORD));
            }
            await(changed, replicas, () -> replicas.stream().allMatch(r -> !r.of("SWAP").isEmpty() || !r.of(
                    "FAILED").isEmpty()), SWAP_DEADLINE, "a swap in every replica");
            long lastSwap = replicas.stream().flatMap(r -> r.lines.stream()).mapToLong(Line::micros).max()
                    .orElse(rotation);
            long watchUntil = lastSwap + 2 * POLL.plus(SETTLE).toNanos() / 1_000 + 1_000_000;
            // nothing should come: this waits out the window in which a second swap would show
            awaitQuiet(changed, watchUntil);
            return new Outcome(atomic
                    ? "the kubelet's way: a new timestamped folder, `..data` renamed over in one step"
                    : "two plain files, url then password " + GAP_MILLIS + " ms later", rotation,
                    replicas.stream().map(r -> r.of("SWAP")).toList(), replicas.stream().map(r -> r.of("SIGNAL"))
                            .toList(),
                    replicas.stream().map(r -> r.of("FAILED")).toList(), load);
        } finally {
            replicas.forEach(Replica::close);
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Map<String, String> values(String url, String password) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(URL, url);
        values.put(USERNAME, "sa");
        values.put(PASSWORD, password);
        return values;
    }

    /** Waits until the condition holds; fails if the deadline passes or a replica ends first. */
    private static void await(Object changed, List<Replica> replicas, BooleanSupplier condition, Duration deadline,
            String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (changed) {
            while (!condition.getAsBoolean()) {
                for (Replica replica : replicas) {
                    if (!replica.process.isAlive()) {
                        throw new IllegalStateException("fleet replica " + replica.index + " ended (exit "
                                + replica.process.exitValue() + ") before " + what + ":\n" + replica.errorTail());
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    String states = replicas.stream().map(r -> r.index + ": " + r.lines.stream().map(Line::kind)
                            .toList()).collect(Collectors.joining("; "));
                    throw new IllegalStateException("no " + what + " within " + deadline + " (" + states + "):\n"
                            + replicas.get(0).errorTail());
                }
                TimeUnit.NANOSECONDS.timedWait(changed, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
        }
    }

    /** Waits until the wall clock reaches {@code untilMicros}, whatever the replicas say meanwhile. */
    private static void awaitQuiet(Object changed, long untilMicros) throws InterruptedException {
        synchronized (changed) {
            for (long left = untilMicros - FleetMember.nowMicros(); left > 0; left = untilMicros - FleetMember
                    .nowMicros()) {
                TimeUnit.MICROSECONDS.timedWait(changed, left);
            }
        }
    }
}
