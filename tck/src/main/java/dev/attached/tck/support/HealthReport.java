package dev.attached.tck.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A MicroProfile Health response: {@code {"status":..., "checks":[{"name":..., "status":..., "data":{...}}]}}.
 *
 * @param source where it came from (the URL fetched, or the in-process lookup), for failure messages
 * @param text the response as served, for failure messages
 */
public record HealthReport(String source, String status, List<Check> checks, String text) {

    /** One check of the response. Data values are as served: some servers write every value as a string. */
    public record Check(String name, String status, Map<String, Object> data) {

        public boolean up() {
            return "UP".equals(status);
        }

        /** A number in the data, served as a JSON number or as a string of one (Payara writes strings). */
        public long number(String key) {
            Object value = data.get(key);
            if (value instanceof Number number) {
                return number.longValue();
            }
            if (value instanceof String text) {
                try {
                    return Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    throw new AssertionError("data." + key + " of " + name + " is not a number: " + text);
                }
            }
            throw new AssertionError("data." + key + " of " + name + " is missing: " + data);
        }

        /** A value of the data as text, empty when absent. */
        public Optional<String> text(String key) {
            return Optional.ofNullable(data.get(key)).map(String::valueOf);
        }
    }

    public boolean up() {
        return "UP".equals(status);
    }

    public Optional<Check> find(String name) {
        return checks.stream().filter(check -> check.name().equals(name)).findFirst();
    }

    /** The check named {@code name}; fails the test, showing the whole response, if there is none. */
    public Check check(String name) {
        return find(name).orElseThrow(() -> new AssertionError("no check named " + name + " in " + this));
    }

    /** The names of the checks that start with {@code prefix}. */
    public List<String> namesStartingWith(String prefix) {
        return checks.stream().map(Check::name).filter(name -> name.startsWith(prefix)).sorted()
                .collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return source + ": " + text;
    }
}
