package dev.attached.impl.config;

import java.util.List;
import java.util.function.Function;

import dev.attached.ResourceHandle;
import dev.attached.spi.SettingValues;

/**
 * Reads a kind's own keys of a handle: an unreadable value becomes a problem naming its key ({@code "pool.max-size:
 * 'many' is not a whole number of 0 or more"}) and the default stands in, so every problem is found in one pass. The
 * built-in kinds' shorthand for {@link SettingValues}, which plug-in kinds use directly.
 */
public record KeyReader(ResourceHandle handle, List<String> problems) {

    private static final Function<String, Integer> COUNT = SettingValues.wholeNumber(0, Integer.MAX_VALUE);

    /**
     * Parses {@code key} with {@code parse}, whose IllegalArgumentException message says what is wrong; a key that is
     * not set or blank gives {@code fallback}.
     */
    public <T> T get(String key, T fallback, Function<String, T> parse) {
        return SettingValues.read(handle, key, parse, problems).orElse(fallback);
    }

    /** A whole number of 0 or more. */
    public static int count(String value) {
        return COUNT.apply(value);
    }

    /** A configured value as messages show it: see {@link SettingValues#quote}. Only for values that are not secrets. */
    public static String quote(String value) {
        return SettingValues.quote(value);
    }
}
