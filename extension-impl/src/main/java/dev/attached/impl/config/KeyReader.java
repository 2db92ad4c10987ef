package dev.attached.impl.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.attached.ResourceHandle;

/**
 * Reads a kind's own keys of a handle: an unreadable value becomes a problem naming its key ({@code "pool.max-size:
 * 'many' is not a whole number"}) and the default stands in, so every problem is found in one pass.
 */
public record KeyReader(ResourceHandle handle, List<String> problems) {

    /** Parses {@code key} with {@code parse}, whose IllegalArgumentException message says what is wrong. */
    public <T> T get(String key, T fallback, Function<String, T> parse) {
        Optional<String> value = handle.property(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return parse.apply(value.get());
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(key + ": " + e.getMessage());
            return fallback;
        }
    }

    /** A whole number of 0 or more. */
    public static int count(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(quote(value) + " is not a whole number of 0 or more");
    }

    /**
     * A configured value as messages show it: quoted, cut after 60 characters (a 1 MB value makes no 1 MB log line),
     * control characters escaped (a value cannot forge a log line). Only for values that are not secrets.
     */
    public static String quote(String value) {
        StringBuilder shown = new StringBuilder("'");
        int limit = Math.min(value.length(), 60);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        shown.append('\'');
        if (value.length() > limit) {
            shown.append(" (cut, ").append(value.length()).append(" characters)");
        }
        return shown.toString();
    }
}
