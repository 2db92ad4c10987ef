package dev.attached.impl.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import dev.attached.impl.Messages;
import dev.attached.impl.config.Handle.Settings;
import dev.attached.spi.SettingValues;

/**
 * Reads the keys under {@code attached.<name>.} through MicroProfile Config, so ordinals, environment variables and
 * dynamic sources all take part, and checks the ones Attached itself interprets. Which keys are set is asked of the
 * sources at every read (see {@link KeyNames}); a value Config cannot give (an expression naming a missing key) is a
 * problem naming its key, never an exception out of a refresh.
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

    private static final Logger LOG = Logger.getLogger(HandleReader.class.getName());
    /** Marks an environment-only name among the keys remembered, so it never meets a key of the same spelling. */
    private static final String ENVIRONMENT_ONLY = "\0";

    private final Config config;
    private final Set<String> names;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** Per resource, what the last read of each key saw; a resource is read by one thread at a time. */
    private final Map<String, Map<String, Seen>> seen = new ConcurrentHashMap<>();

    public HandleReader(Config config) {
        this(config, Set.of());
    }

    /** @param names every resource name of the application, so one name's environment variables are not another's */
    public HandleReader(Config config, Set<String> names) {
        this.config = config;
        this.names = Set.copyOf(names);
    }

    /**
     * What the configuration says of one resource now.
     *
     * @param handle empty when no url is set, or it is malformed
     * @param problems every configuration problem found, as messages naming the key
     */
    public record Reading(Optional<Handle> handle, boolean optional, List<String> problems) {
    }

    /**
     * Reads resource {@code name}: the keys Attached knows ({@code kindKeys} and the common ones), and every other
     * key any source lists under {@code attached.<name>.}, asked of the sources themselves at each read.
     */
    public Reading read(String name, Set<String> kindKeys) {
        Set<String> known = new LinkedHashSet<>(COMMON_KEYS);
        known.addAll(kindKeys);
        Set<String> others = new LinkedHashSet<>(names);
        others.remove(name);
        KeyNames.Found found = KeyNames.find(config, name, known, others, this::warnOnce);
        SourceValues sources = new SourceValues(config);
        Map<String, Seen> previous = seen.get(name);
        Map<String, Seen> now = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> keys = new TreeMap<>();
        found.keys().forEach((key, lookups) -> fresh(name, key, lookups, sources, previous, now, problems)
                .ifPresent(v -> keys.put(key, v)));
        Map<String, String> environmentOnly = new TreeMap<>();
        found.environmentOnly()
                .forEach((rest, property) -> fresh(name, ENVIRONMENT_ONLY + rest, List.of(property), sources,
                        previous, now, problems).ifPresent(v -> environmentOnly.put(rest, v)));
        seen.put(name, now);

        boolean optional = get(name, keys, OPTIONAL, false, SettingValues::flag, problems);
        Settings settings = new Settings(get(name, keys, HEALTH_ENABLED, true, SettingValues::flag, problems),
                get(name, keys, HEALTH_TIMEOUT, DEFAULT_HEALTH_TIMEOUT,
                        SettingValues.positiveDurationAtMost(MAX_HEALTH_TIMEOUT), problems),
                get(name, keys, DRAIN_TIMEOUT, DEFAULT_DRAIN_TIMEOUT, SettingValues::positiveDuration, problems));

        String url = keys.get(Handle.URL);
        if (url == null || url.isBlank()) {
            // at deployment a missing url is a problem unless optional; at run time it detaches the resource
            return new Reading(Optional.empty(), optional, problems);
        }
        try {
            return new Reading(Optional.of(new Handle(name, ResourceUrl.parse(url), keys, environmentOnly, settings)),
                    optional, problems);
        } catch (IllegalArgumentException e) {
            problems.add(Messages.malformedUrl(name, e.getMessage()));
            return new Reading(Optional.empty(), optional, problems);
        }
    }

    /**
     * What Config and the sources said of a key at the last read of its resource, and whether Config was found
     * behind the sources then.
     */
    private record Seen(Optional<String> config, SourceValues.Answer sources, boolean stale) {
    }

    /**
     * The value of one key as the configuration holds it now. Config's answer, unless Config is seen to be behind
     * the sources: a server's Config may cache values (Payara Micro's for 60 s), and a change signal would then be
     * answered with the old value, and no later signal would come. So each key's value is also read from the
     * sources themselves ({@link SourceValues}); when the sources changed since the last read and Config did not,
     * Config is stale, and the sources' value is used until Config's own value changes. Otherwise Config's answer
     * stands, so every feature of the server's Config (interceptors, secret handlers, converters) still counts.
     */
    private Optional<String> fresh(String name, String key, List<String> properties, SourceValues sources,
            Map<String, Seen> previous, Map<String, Seen> now, List<String> problems) {
        String shown = key.startsWith(ENVIRONMENT_ONLY) ? key.substring(1) : key;
        Optional<String> fromConfig = lookup(name, shown, properties, problems);
        SourceValues.Answer fromSources = sources.read(properties);
        if (fromConfig.isEmpty() && fromSources.unresolved()) {
            // Config may answer "no value" for ${missing}: a value written and then lost without a word
            problems.add(Messages.invalidValue(name, shown, "could not be read: its value holds an expression that "
                    + "cannot be expanded (a ${key} whose key is not set, or a ${ without its }; write \\${ for a "
                    + "literal ${, ${key:default} for a default)"));
        }
        Seen before = previous == null
                ? null
                : previous.getOrDefault(key, new Seen(Optional.empty(), SourceValues.Answer.ABSENT, false));
        boolean stale = false;
        if (before != null && fromSources.known() && before.sources().known()
                && fromConfig.equals(before.config()) && !fromSources.value().equals(fromConfig)) {
            stale = before.stale() || !fromSources.equals(before.sources());
        }
        now.put(key, new Seen(fromConfig, fromSources, stale));
        return stale ? fromSources.value() : fromConfig;
    }

    /** The first of {@code properties} Config has a value for; a value Config cannot give is a problem. */
    private Optional<String> lookup(String name, String key, List<String> properties, List<String> problems) {
        for (String property : properties) {
            try {
                Optional<String> value = config.getOptionalValue(property, String.class);
                if (value.isPresent()) {
                    return value;
                }
            } catch (RuntimeException e) {
                problems.add(Messages.invalidValue(name, key, "could not be read: " + Secrets.describe(e, null)));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void warnOnce(String warning) {
        if (warned.add(warning)) {
            LOG.warning(Messages.unknownKeyName(warning));
        }
    }

    /** A key Attached reads itself, read as {@link SettingValues} reads a kind's: a blank value is not set. */
    private static <T> T get(String name, Map<String, String> keys, String key, T fallback, Function<String, T> parse,
            List<String> problems) {
        String value = keys.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(Messages.invalidValue(name, key, e.getMessage()));
            return fallback;
        }
    }
}
