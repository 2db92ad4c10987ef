package dev.attached.benchmarks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** What one step measured: its rows for the summary table, and details and notes for its own section. */
final class Section implements Serializable {

    private static final long serialVersionUID = 1L;

    final String title;
    final List<Row> rows = new ArrayList<>();
    final List<String> details = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    long millis;
    String loadBefore = "";
    String loadAfter = "";

    Section(String title) {
        this.title = title;
    }

    Section row(Row row) {
        rows.add(row);
        return this;
    }

    /** A line of markdown in the step's own section (a table row, a sentence). */
    Section detail(String line) {
        details.add(line);
        return this;
    }

    Section note(String note) {
        notes.add(note);
        return this;
    }
}
