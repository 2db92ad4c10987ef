package dev.attached.kind.memcached;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Attached's own keys read them ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, ISO-8601
 * {@code PT2S}; a bare number is seconds), so a kind's keys and {@code health.timeout} are written alike.
 */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /** @throws IllegalArgumentException saying what is accepted; the value is repeated (it is no secret) */
    static Duration parsePositive(String text) {
        Duration parsed = parse(text);
        if (parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException("must be positive, but is '" + text + "'");
        }
        return parsed;
    }

    private static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
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
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)");
        }
    }

    /** How a duration is shown back to users. */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
