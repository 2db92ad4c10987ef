package dev.attached.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Percentiles, medians and formatting of the figures the steps report. */
final class Stats {

    private Stats() {
    }

    /** The p-th percentile (0..100) of the values, nearest rank; 0 for none. */
    static long percentile(long[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** Nanoseconds as milliseconds with two decimals. */
    static String ms(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format("%.2f", ratio);
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
