package dev.attached.kind.s3;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.attached.ResourceHandle;

/** Reads the values of the kind's keys: durations, flags, counts. Problems name the key and quote no secret. */
final class Values {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");
    private static final Duration LONGEST = Duration.ofHours(24);

    private Values() {
    }

    /** The key's value parsed, or empty if it is not set; a value that does not parse is a problem. */
    static <T> Optional<T> read(ResourceHandle handle, String key, Function<String, T> parse, List<String> problems) {
        Optional<String> value = handle.property(key).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(value.get()));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, a number of seconds, or ISO-8601 {@code PT2S}. */
    static Duration positiveDuration(String text) {
        Duration duration;
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            duration = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "'" + shown(text) + "' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not more than zero");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("'" + shown(text) + "' is longer than 24h");
        }
        return duration;
    }

    /** {@code true} or {@code false}, in any case. */
    static boolean flag(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + shown(text) + "' is not true or false");
        };
    }

    /** A whole number from 1 to 10000. */
    static int count(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= 10_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + shown(text) + "' is not a whole number from 1 to 10000");
    }

    /** {@code 800ms}, {@code 2s}, {@code 1m}: as a user writes a duration. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /** A value as a message may show it: at most 60 characters, control characters escaped. */
    static String shown(String value) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(60).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 60 ? shown + "..." : shown.toString();
    }
}
