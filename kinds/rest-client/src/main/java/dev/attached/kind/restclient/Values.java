package dev.attached.kind.restclient;

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
 * Reads one optional key of a handle; a value that does not parse is a problem that starts with its key. Parsers
 * throw {@link IllegalArgumentException} with the phrase that follows the key.
 */
final class Values {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

    private Values() {
    }

    static <T> Optional<T> read(ResourceHandle handle, String key, Function<String, T> parse, List<String> problems) {
        Optional<String> value = handle.property(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(value.get().strip()));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, a number of seconds, or ISO-8601 {@code PT2S}; above 0. */
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
                        "'" + text + "' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not more than zero");
        }
        if (duration.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than a day");
        }
        return duration;
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    /** A duration as people write it: {@code 800ms}, {@code 2s}, {@code 1.5s}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000 || millis % 100 != 0) {
            return millis + "ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
