package dev.attached.impl.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reliability suite's measured outcomes, one Markdown table per section, written to
 * {@code target/reliability/<section>.md} so docs/RELIABILITY.md can quote a run. Rows are kept sorted by their
 * case, so two runs compare line by line.
 */
final class Report {

    private static final Path DIR = Path.of("target", "reliability");
    private static final Map<String, Map<String, String>> ROWS = new TreeMap<>();

    private Report() {
    }

    /** Adds a row to a section and rewrites the section's file. */
    static synchronized void row(String section, String header, String caseName, String... cells) {
        if (Boolean.getBoolean("attached.without-mail")) {
            return; // the build's second run, without Jakarta Mail, would write a part of the tables over the whole
        }
        Map<String, String> rows = ROWS.computeIfAbsent(section, s -> new TreeMap<>());
        rows.put(caseName, "| " + cell(caseName) + " | " + String.join(" | ", java.util.Arrays.stream(cells)
                .map(Report::cell).toList()) + " |");
        StringBuilder text = new StringBuilder(header).append('\n');
        text.append("|---".repeat((int) header.chars().filter(c -> c == '|').count() - 1)).append("|\n");
        rows.values().forEach(row -> text.append(row).append('\n'));
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(section + ".md"), text, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell: one line, pipes escaped, long texts cut. */
    static String cell(String text) {
        String one = text.replace("\r", "\\r").replace("\n", "\\n").replace("|", "\\|").replace("\u0000", "\\0");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
