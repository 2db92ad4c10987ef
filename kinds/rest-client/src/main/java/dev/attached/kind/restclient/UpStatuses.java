package dev.attached.kind.restclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.attached.spi.SettingValues;

/**
 * The HTTP statuses a readiness probe counts as UP: a list of codes ({@code 200}), ranges ({@code 200-299}) and
 * classes ({@code 2xx}), as written in {@code health.up-status}. By default {@code 100-499}: any answer but a server
 * error, so an API that answers 401 to a bare request is reachable.
 */
record UpStatuses(List<Range> ranges, String text) {

    private static final Pattern ITEM = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?|([1-5])xx");

    static final UpStatuses DEFAULT = parse("100-499");

    /** From {@code low} to {@code high}, both included. */
    record Range(int low, int high) {
    }

    static UpStatuses parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String item : text.split(",")) {
            String trimmed = item.strip().toLowerCase(Locale.ROOT);
            Matcher m = ITEM.matcher(trimmed);
            if (!m.matches()) {
                throw new IllegalArgumentException(SettingValues.quote(item.strip())
                        + " is not a status (200), a range (200-299) or a class (2xx)");
            }
            Range range;
            if (m.group(3) != null) {
                int hundred = Integer.parseInt(m.group(3)) * 100;
                range = new Range(hundred, hundred + 99);
            } else {
                int low = Integer.parseInt(m.group(1));
                int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
                if (low < 100 || high > 599 || low > high) {
                    throw new IllegalArgumentException(
                            SettingValues.quote(item.strip())
                                    + " is not a status or a range of statuses between 100 and 599");
                }
                range = new Range(low, high);
            }
            ranges.add(range);
        }
        return new UpStatuses(List.copyOf(ranges), text.strip());
    }

    boolean isUp(int status) {
        for (Range range : ranges) {
            if (status >= range.low() && status <= range.high()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
