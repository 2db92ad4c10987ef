package dev.attached.impl.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;

import dev.attached.impl.Messages;
import dev.attached.impl.config.Handle.Settings;

/**
 * Reads the keys under {@code attached.<name>.} through MicroProfile Config, so ordinals, environment variables and
 * dynamic sources all take part, and checks the ones Attached itself interprets.
 */
public final class HandleReader {

    public static final String OPTIONAL = "optional";
    public static final String HEALTH_ENABLED = "health.enabled";
    public static final String HEALTH_TIMEOUT = "health.timeout";
    public static final String DRAIN_TIMEOUT = "drain-timeout";

    static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);
    /** A readiness probe bounded by more than this is no bound: Kubernetes probes wait seconds. */
    static final Duration MAX_HEALTH_TIMEOUT = Duration.ofHours(1);
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> COMMON_KEYS = Set.of(Handle.URL, Handle.USERNAME, Handle.PASSWORD, OPTIONAL,
            HEALTH_ENABLED, HEALTH_TIMEOUT, DRAIN_TIMEOUT);

    private final Config config;

    public HandleReader(Config config) {
        this.config = config;
    }

    /**
     * What the configuration says of one resource now.
     *
     * @param handle empty when no url is set, or it is malformed
     * @param problems every configuration problem found, as messages naming the key
     */
    public record Reading(Optional<Handle> handle, boolean optional, List<String> problems) {
    }

    /** Reads resource {@code name}; {@code kindKeys} are looked up by name besides the listed property names. */
    public Reading read(String name, Set<String> kindKeys) {
        String prefix = "attached." + name + ".";
        Map<String, String> keys = new TreeMap<>();
        Set<String> wanted = new LinkedHashSet<>(COMMON_KEYS);
        wanted.addAll(kindKeys);
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(prefix)) {
                wanted.add(property.substring(prefix.length()));
            }
        }
        for (String key : wanted) {
            config.getOptionalValue(prefix + key, String.class).ifPresent(value -> keys.put(key, value));
        }

        List<String> problems = new ArrayList<>();
        boolean optional = bool(name, keys, OPTIONAL, false, problems);
        Settings settings = new Settings(bool(name, keys, HEALTH_ENABLED, true, problems),
                duration(name, keys, HEALTH_TIMEOUT, DEFAULT_HEALTH_TIMEOUT, MAX_HEALTH_TIMEOUT, problems),
                duration(name, keys, DRAIN_TIMEOUT, DEFAULT_DRAIN_TIMEOUT, Durations.MAX, problems));

        String url = keys.get(Handle.URL);
        if (url == null || url.isBlank()) {
            // at deployment a missing url is a problem unless optional; at run time it detaches the resource
            return new Reading(Optional.empty(), optional, problems);
        }
        try {
            return new Reading(Optional.of(new Handle(name, ResourceUrl.parse(url), keys, settings)), optional,
                    problems);
        } catch (IllegalArgumentException e) {
            problems.add(Messages.malformedUrl(name, e.getMessage()));
            return new Reading(Optional.empty(), optional, problems);
        }
    }

    private static boolean bool(String name, Map<String, String> keys, String key, boolean fallback,
            List<String> problems) {
        String value = keys.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.strip().equalsIgnoreCase("true") || value.strip().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.strip());
        }
        problems.add(Messages.invalidValue(name, key, KeyReader.quote(value) + " is not true or false"));
        return fallback;
    }

    private static Duration duration(String name, Map<String, String> keys, String key, Duration fallback,
            Duration max, List<String> problems) {
        String value = keys.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Durations.positiveAtMost(max).apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(Messages.invalidValue(name, key, e.getMessage()));
            return fallback;
        }
    }
}
