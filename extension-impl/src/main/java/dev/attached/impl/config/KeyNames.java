package dev.attached.impl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Finds which keys of a resource are set, asking every config source for its names at each read: SmallRye Config
 * caches the names {@code Config.getPropertyNames()} lists, so a key that appears while the application runs would
 * not be seen there. A name is a key when it is {@code attached.<name>.<key>} (a profile's {@code %dev.} prefix
 * aside) or its environment-variable form: {@code ATTACHED_ORDERS_DB_POOL_MAX_SIZE} for a key Attached knows,
 * {@code ATTACHED_ORDERS_DB_JDBC_SSLMODE} for a driver property whose spelling Attached knows,
 * {@code ATTACHED_ORDERS_DB_MAIL_SMTP_LOCALHOST} for a Jakarta Mail property (all lower case, dotted).
 */
final class KeyNames {

    /** The keys found: each with the property names to look it up by; environment names no key stands for. */
    record Found(Map<String, List<String>> keys, Map<String, String> environmentOnly) {
    }

    private KeyNames() {
    }

    /**
     * @param known the keys Attached reads of this resource (common and the kind's)
     * @param others every other resource name, so {@code ATTACHED_ORDERS_DB_URL} is not read as resource
     *        {@code orders}'s key {@code db-url}
     * @param warn told once per read of every environment name that looks like a key but is none
     */
    static Found find(Config config, String name, Set<String> known, Set<String> others, Consumer<String> warn) {
        String prefix = "attached." + name + ".";
        String environmentPrefix = environmentForm(prefix);
        List<String> longer = others.stream().map(other -> environmentForm("attached." + other + "."))
                .filter(p -> p.length() > environmentPrefix.length() && p.startsWith(environmentPrefix)).toList();
        Map<String, List<String>> keys = new TreeMap<>();
        known.forEach(key -> keys.put(key, new ArrayList<>(List.of(prefix + key))));
        Map<String, String> environmentOnly = new TreeMap<>();
        for (ConfigSource source : config.getConfigSources()) {
            Iterable<String> names;
            try {
                names = source.getPropertyNames();
            } catch (RuntimeException e) {
                continue; // a source that cannot list its names is still asked for the known keys
            }
            for (String property : names) {
                String unprofiled = property.startsWith("%") && property.indexOf('.') > 0
                        ? property.substring(property.indexOf('.') + 1)
                        : property;
                if (unprofiled.startsWith(prefix) && unprofiled.length() > prefix.length()) {
                    keys.computeIfAbsent(unprofiled.substring(prefix.length()),
                            key -> new ArrayList<>(List.of(prefix + key)));
                } else if (property.startsWith(environmentPrefix) && property.length() > environmentPrefix.length()
                        && property.equals(property.toUpperCase(Locale.ROOT))
                        && longer.stream().noneMatch(property::startsWith)) {
                    String rest = property.substring(environmentPrefix.length());
                    Optional<String> key = key(rest, known, name, property, warn);
                    if (key.isPresent()) {
                        List<String> lookups = keys.computeIfAbsent(key.get(),
                                k -> new ArrayList<>(List.of(prefix + k)));
                        if (!lookups.contains(property)) {
                            lookups.add(property);
                        }
                    } else {
                        environmentOnly.put(rest, property);
                    }
                }
            }
        }
        return new Found(keys, environmentOnly);
    }

    /** The key an environment name's rest stands for ({@code POOL_MAX_SIZE}: {@code pool.max-size}). */
    private static Optional<String> key(String rest, Set<String> known, String name, String property,
            Consumer<String> warn) {
        for (String key : known) {
            if (environmentForm(key).equals(rest)) {
                return Optional.of(key);
            }
        }
        if (rest.startsWith("JDBC_")) {
            Optional<String> spelled = JdbcUrlOptions.spelling(rest.substring("JDBC_".length()));
            if (spelled.isEmpty()) {
                warn.accept(property + " names a driver property Attached cannot spell from an environment "
                        + "variable: set attached." + name + ".jdbc.<property> with the driver's exact name");
            }
            return spelled.map(p -> "jdbc." + p);
        }
        if (rest.startsWith("MAIL_")) {
            return Optional.of("mail." + rest.substring("MAIL_".length()).toLowerCase(Locale.ROOT).replace('_', '.'));
        }
        Optional<String> near = known.stream().map(KeyNames::environmentForm)
                .filter(k -> sameFamily(k, rest) || distance(k, rest) <= 2)
                .min((a, b) -> Integer.compare(distance(a, rest), distance(b, rest)));
        near.ifPresent(k -> warn.accept(property + " names no key of resource '" + name
                + "' that Attached reads (did you mean " + environmentForm("attached." + name + ".") + k + "?)"));
        return Optional.empty();
    }

    /** {@code POOL_SIZE} and {@code POOL_MAX_SIZE}: a key of a family Attached reads, misspelled. */
    private static boolean sameFamily(String known, String rest) {
        int underscore = known.indexOf('_');
        return underscore > 0 && rest.startsWith(known.substring(0, underscore + 1));
    }

    /** The environment variable MicroProfile Config maps a property name to. */
    static String environmentForm(String property) {
        // a loop, not replaceAll: every read of every resource calls this for each other resource's name
        char[] form = new char[property.length()];
        for (int i = 0; i < form.length; i++) {
            char c = property.charAt(i);
            form[i] = c >= 'a' && c <= 'z'
                    ? (char) (c - 'a' + 'A')
                    : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_';
        }
        return new String(form);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
