package dev.attached.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.attached.ResourceHandle;

/**
 * Reads the values of a kind's own keys the way Attached reads its own ({@code health.timeout},
 * {@code pool.max-size}), so users write every key of every kind alike and get the same messages about them. In
 * {@link ResourceKind#configure}:
 *
 * <pre>
 * Duration timeout = SettingValues.read(handle, "timeout", SettingValues::positiveDuration, problems)
 *         .orElse(Duration.ofSeconds(2));
 * boolean verify = SettingValues.read(handle, "tls.verify", SettingValues::flag, problems).orElse(true);
 * int poolSize = SettingValues.read(handle, "pool-size", SettingValues.wholeNumber(1, 64), problems).orElse(1);
 * </pre>
 *
 * A value that does not parse adds one problem that starts with its key and says what is wrong
 * ({@code "timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)"}), and the default stands in,
 * so every problem of a handle is found in one pass. The parsers here throw {@link IllegalArgumentException} with
 * the phrase that follows the key; a kind's own parsers do the same, showing the value with {@link #quote}.
 * Parsers repeat the value they refuse: pass them no secret.
 */
public final class SettingValues {

    /** The longest duration {@link #duration} and {@link #positiveDuration} take: no key needs more. */
    public static final Duration LONGEST = Duration.ofHours(24);

    /** Longer than any bound: what a duration too long to count in a {@link Duration} reads as. */
    private static final Duration BEYOND_ANY = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    /** Below any bound: a negative duration too long to count. */
    private static final Duration BELOW_ANY = Duration.ofSeconds(Long.MIN_VALUE);

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final int LONGEST_QUOTE = 60;

    private SettingValues() {
    }

    /**
     * Reads an optional key of the handle. A key that is not set, or set to a blank value (as MicroProfile Config
     * treats an empty one), is empty. A value {@code parse} refuses adds {@code "<key>: <its message>"} to
     * {@code problems} and is empty too, so the caller's default stands in.
     *
     * @param handle the handle {@link ResourceKind#configure} was given
     * @param key the key under {@code attached.<name>.}, as {@link ResourceHandle#property} takes it
     * @param parse reads the value, without surrounding whitespace; throws {@link IllegalArgumentException} (or
     *        {@link ArithmeticException}) with a message that says what is wrong
     * @param problems where {@link ResourceKind#configure} collects its problems
     * @return the parsed value; empty if the key is not set or its value is refused
     */
    public static <T> Optional<T> read(ResourceHandle handle, String key, Function<String, ? extends T> parse,
            List<String> problems) {
        Optional<String> value = handle.property(key).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(parse.apply(value.get()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A duration of 0 or more, at most {@link #LONGEST}: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, a bare
     * number of seconds ({@code 30}), or ISO-8601 ({@code PT2S}, {@code PT1M30S}), in any case and with whitespace
     * around it. A value too long to count ({@code 99999999999999h}) is refused as too long, never wrapped.
     *
     * @throws IllegalArgumentException saying what is accepted, for example
     *         {@code "'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)"},
     *         {@code "must not be negative, but is 'PT-1S'"} or {@code "must be at most 24h, but is '25h'"}
     */
    public static Duration duration(String text) {
        return duration(text, false, LONGEST);
    }

    /**
     * A duration of more than 0, at most {@link #LONGEST}, written as {@link #duration} takes it: for timeouts.
     *
     * @throws IllegalArgumentException saying what is accepted, for example {@code "must be more than 0, but is '0'"}
     */
    public static Duration positiveDuration(String text) {
        return duration(text, true, LONGEST);
    }

    /**
     * Like {@link #positiveDuration}, with a bound of the key's own ({@code health.timeout} takes at most 1h).
     *
     * @param max the longest duration the key takes; more than 0
     */
    public static Function<String, Duration> positiveDurationAtMost(Duration max) {
        if (max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("a bound of " + format(max) + " leaves no duration to take");
        }
        return text -> duration(text, true, max);
    }

    /**
     * {@code true} or {@code false}, in any case and with whitespace around it; nothing else ({@code yes}, {@code 1})
     * is taken, so a typo is reported rather than read as {@code false}.
     *
     * @throws IllegalArgumentException {@code "'yes' is not true or false"}
     */
    public static boolean flag(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(quote(text) + " is not true or false");
    }

    /**
     * Reads a whole number from {@code min} to {@code max}, both included, with whitespace around it. The parser
     * says the range as a user needs it: {@code "'0' is not a whole number from 1 to 10000"}, or with
     * {@link Integer#MAX_VALUE} as {@code max}, {@code "'-1' is not a whole number of 0 or more"}.
     *
     * @throws IllegalArgumentException at once if {@code min} is more than {@code max}
     */
    public static Function<String, Integer> wholeNumber(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("no whole number is from " + min + " to " + max);
        }
        String range = max == Integer.MAX_VALUE ? "of " + min + " or more" : "from " + min + " to " + max;
        return text -> {
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // too long, a fraction or no number: all said below
            }
            throw new IllegalArgumentException(quote(text) + " is not a whole number " + range);
        };
    }

    /**
     * A configured value as a message shows it: in single quotes, cut after 60 characters (a 1 MB value makes no
     * 1 MB log line: {@code 'xxx…x' (cut, 1048576 characters)}), control characters escaped as a backslash,
     * {@code u} and four hex digits (a value cannot forge a log line). Only for values that are not secrets.
     */
    public static String quote(String value) {
        int limit = Math.min(value.length(), LONGEST_QUOTE);
        if (limit < value.length() && Character.isHighSurrogate(value.charAt(limit - 1))) {
            limit--; // never half a character
        }
        StringBuilder shown = new StringBuilder(limit + 2).append('\'');
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                shown.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        shown.append('\'');
        if (limit < value.length()) {
            shown.append(" (cut, ").append(value.length()).append(" characters)");
        }
        return shown.toString();
    }

    /**
     * A duration as Attached shows it back in messages and health data: whole seconds as {@code 2s} or {@code 90s},
     * anything else in milliseconds, {@code 500ms} or {@code 1500ms}. Each form reads back with {@link #duration}.
     */
    public static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static Duration duration(String text, boolean positive, Duration max) {
        Duration parsed = read(text);
        if (parsed == null) {
            throw new IllegalArgumentException(
                    quote(text) + " is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)");
        }
        if (parsed.compareTo(max) > 0) {
            throw new IllegalArgumentException("must be at most " + formatBound(max) + ", but is " + quote(text));
        }
        if (parsed.isNegative() || (positive && parsed.isZero())) {
            throw new IllegalArgumentException(
                    (positive ? "must be more than 0" : "must not be negative") + ", but is " + quote(text));
        }
        return parsed;
    }

    /**
     * The duration written; {@link #BEYOND_ANY} (or {@link #BELOW_ANY}) if it is too long to count, so no bound
     * check can be fooled by a value that wrapped around; null if the text is no duration.
     */
    private static Duration read(String text) {
        String value = text.strip();
        Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
            if (digits.length() > 12) {
                return BEYOND_ANY; // more than 31 000 years in any unit
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
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            // the ISO form's numbers matched, but one does not fit a long (NumberFormatException) or the sum
            // overflowed (ArithmeticException); a minus sign anywhere makes it, in every sane case, negative
            if (e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException) {
                return value.indexOf('-') >= 0 ? BELOW_ANY : BEYOND_ANY;
            }
            return null;
        }
    }

    /** A bound as users write it: {@code 1h}, {@code 24h}; else as {@link #format} shows it. */
    private static String formatBound(Duration d) {
        return d.toSeconds() % 3600 == 0 && d.getNano() == 0 ? d.toHours() + "h" : format(d);
    }
}
