package dev.attached.impl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads a property from the config sources themselves, in ordinal order, as MicroProfile Config defines the lookup:
 * a property of the active profile ({@code %prod.attached.orders-db.url}) in any source first, then the plain one;
 * an empty value is no value; {@code ${key}} and {@code ${key:default}} expressions are expanded the same way. The
 * environment source maps names itself ({@code ATTACHED_ORDERS_DB_URL}), as the specification requires of it.
 * <p>
 * It answers "cannot tell" rather than guess: for an escaped or handler expression ({@code \${...}},
 * {@code $${...}}, {@code ${aes-gcm::...}}) or one nested too deep; then Config's own answer is used. An expression
 * that cannot be expanded (a key that is nowhere and no default, a {@code ${} without its {@code }}) is told apart:
 * SmallRye Config answers "no value" for it, which would drop the value without a word.
 */
final class SourceValues {

    /** What the sources say of a property: a value, no value, or that they cannot tell. */
    record Answer(boolean known, Optional<String> value, boolean unresolved) {
        static final Answer UNKNOWN = new Answer(false, Optional.empty(), false);
        /** A value whose expression cannot be expanded: a key no source has and no default, or no closing brace. */
        static final Answer UNRESOLVED = new Answer(false, Optional.empty(), true);
        static final Answer ABSENT = new Answer(true, Optional.empty(), false);

        static Answer of(String value) {
            return new Answer(true, Optional.of(value), false);
        }
    }

    private static final int MAX_DEPTH = 16;

    private final List<ConfigSource> sources = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();

    /** A snapshot of the sources' order and the active profiles, for one read of a resource. */
    SourceValues(Config config) {
        config.getConfigSources().forEach(sources::add);
        profile(config, "mp.config.profile").or(() -> profile(config, "smallrye.config.profile"))
                .ifPresent(list -> {
                    String[] names = list.split(",");
                    for (int i = names.length - 1; i >= 0; i--) { // the last one listed wins
                        if (!names[i].isBlank()) {
                            profiles.add(names[i].strip());
                        }
                    }
                });
    }

    private static Optional<String> profile(Config config, String key) {
        try {
            return config.getOptionalValue(key, String.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first of {@code properties} the sources have a value for. */
    Answer read(List<String> properties) {
        for (String property : properties) {
            Answer answer = read(property, 0);
            if (!answer.known() || answer.value().isPresent()) {
                return answer;
            }
        }
        return Answer.ABSENT;
    }

    private Answer read(String property, int depth) {
        if (depth > MAX_DEPTH) {
            return Answer.UNKNOWN;
        }
        String raw = null;
        try {
            for (String profile : profiles) {
                raw = first("%" + profile + "." + property);
                if (raw != null) {
                    break;
                }
            }
            if (raw == null) {
                raw = first(property);
            }
        } catch (RuntimeException e) {
            return Answer.UNKNOWN; // a source that throws: Config knows best what that means
        }
        if (raw == null || raw.isEmpty()) {
            return Answer.ABSENT;
        }
        return expand(raw, depth);
    }

    private String first(String property) {
        for (ConfigSource source : sources) {
            String value = source.getValue(property);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Expands {@code ${key}} and {@code ${key:default}}, nested; anything else with a {@code $} is left to Config. */
    private Answer expand(String value, int depth) {
        if (value.indexOf('$') < 0) {
            return Answer.of(value);
        }
        if (value.contains("\\$") || value.contains("$$")) {
            return Answer.UNKNOWN;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            int end = closing(value, start + 2);
            if (end < 0) {
                return Answer.UNRESOLVED; // a ${ without its }: Config answers "no value" for it too
            }
            String expression = value.substring(start + 2, end);
            if (expression.contains("::")) {
                return Answer.UNKNOWN; // a secret handler's
            }
            int colon = topLevelColon(expression);
            String key = colon < 0 ? expression : expression.substring(0, colon);
            Answer resolved = read(key, depth + 1);
            if (!resolved.known()) {
                return resolved;
            }
            if (resolved.value().isPresent()) {
                out.append(resolved.value().get());
            } else if (colon >= 0) {
                Answer fallback = expand(expression.substring(colon + 1), depth + 1);
                if (!fallback.known()) {
                    return fallback;
                }
                out.append(fallback.value().orElse(""));
            } else {
                return Answer.UNRESOLVED;
            }
            i = end + 1;
        }
        return out.length() == 0 ? Answer.ABSENT : Answer.of(out.toString());
    }

    private static int closing(String value, int from) {
        int depth = 1;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                depth++;
                i++;
            } else if (value.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int topLevelColon(String expression) {
        int depth = 0;
        for (int i = 0; i < expression.length(); i++) {
            if (expression.startsWith("${", i)) {
                depth++;
                i++;
            } else if (expression.charAt(i) == '}') {
                depth--;
            } else if (expression.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
