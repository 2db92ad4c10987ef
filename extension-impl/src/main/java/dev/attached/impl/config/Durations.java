package dev.attached.impl.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as users write them: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, or ISO-8601 {@code PT2S}.
 * No key of Attached's takes a negative duration or one longer than {@link #MAX}, so those are refused here, before
 * any arithmetic on them can overflow.
 */
public final class Durations {

    /** The longest duration any key takes. */
    public static final Duration MAX = Duration.ofHours(24);

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * A duration of 0 or more, at most {@link #MAX}.
     *
     * @throws IllegalArgumentException with a message that says what is accepted
     */
    public static Duration parse(String text) {
        return parse(text, false, MAX);
    }

    /** A duration of more than 0, at most {@link #MAX}. */
    public static Duration positive(String text) {
        return parse(text, true, MAX);
    }

    /** A duration of more than 0, at most {@code max}. */
    public static Function<String, Duration> positiveAtMost(Duration max) {
        return text -> parse(text, true, max);
    }

    private static Duration parse(String text, boolean positive, Duration max) {
        Duration parsed = read(text);
        if (parsed == null) {
            throw new IllegalArgumentException(
                    KeyReader.quote(text) + " is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)");
        }
        if (parsed.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "must be at most " + formatBound(max) + ", but is " + KeyReader.quote(text));
        }
        if (parsed.isNegative() || (positive && parsed.isZero())) {
            throw new IllegalArgumentException((positive ? "must be more than 0" : "must not be negative")
                    + ", but is " + KeyReader.quote(text));
        }
        return parsed;
    }

    /** The duration written, {@link Duration#ofSeconds(long) beyond MAX} if it is too long to count; null if none. */
    private static Duration read(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
            if (digits.length() > 12) {
                return MAX.plusSeconds(1); // more than 31 000 years in any unit: too long, whatever it says
            }
            long amount = Long.parseLong(digits);
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            return e.getCause() instanceof ArithmeticException ? MAX.plusSeconds(1) : null;
        }
    }

    /** How a duration is shown back to users: {@code 500ms}, {@code 2s}, {@code 90s}. */
    public static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** A bound as users write it: {@code 1h}, {@code 24h}. */
    static String formatBound(Duration d) {
        return d.toSeconds() % 3600 == 0 ? d.toHours() + "h" : format(d);
    }
}
