package dev.attached.impl.config;

import java.time.Duration;
import java.util.function.Function;

import dev.attached.spi.SettingValues;

/**
 * The engine's names for durations as users write them ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h},
 * {@code PT2S}). The syntax, the bounds and the messages live in {@link SettingValues}, which plug-in kinds use too,
 * so {@code health.timeout} and a kind's {@code timeout} are read alike.
 */
public final class Durations {

    /** The longest duration any key takes. */
    public static final Duration MAX = SettingValues.LONGEST;

    private Durations() {
    }

    /**
     * A duration of 0 or more, at most {@link #MAX}.
     *
     * @throws IllegalArgumentException with a message that says what is accepted
     */
    public static Duration parse(String text) {
        return SettingValues.duration(text);
    }

    /** A duration of more than 0, at most {@link #MAX}. */
    public static Duration positive(String text) {
        return SettingValues.positiveDuration(text);
    }

    /** A duration of more than 0, at most {@code max}. */
    public static Function<String, Duration> positiveAtMost(Duration max) {
        return SettingValues.positiveDurationAtMost(max);
    }

    /** How a duration is shown back to users: {@code 500ms}, {@code 2s}, {@code 90s}. */
    public static String format(Duration d) {
        return SettingValues.format(d);
    }
}
