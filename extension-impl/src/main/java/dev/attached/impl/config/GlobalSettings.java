package dev.attached.impl.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import dev.attached.impl.Messages;

/** The keys of Attached's that belong to no one resource, read and checked like a resource's own. */
public final class GlobalSettings {

    /** The quiet period after a change of a dynamic source before it is applied. */
    public static final String CHANGE_SETTLE = "attached.change-settle";
    public static final Duration DEFAULT_CHANGE_SETTLE = Duration.ofMillis(500);

    private GlobalSettings() {
    }

    /** {@code attached.change-settle}; an unreadable value is a deployment problem naming the key. */
    public static Duration changeSettle(Config config, List<String> problems) {
        Optional<String> value;
        try {
            value = config.getOptionalValue(CHANGE_SETTLE, String.class);
        } catch (RuntimeException e) {
            problems.add(Messages.invalidSetting(CHANGE_SETTLE, "could not be read: " + Secrets.describe(e, null)));
            return DEFAULT_CHANGE_SETTLE;
        }
        try {
            return value.map(Durations::parse).orElse(DEFAULT_CHANGE_SETTLE);
        } catch (IllegalArgumentException e) {
            problems.add(Messages.invalidSetting(CHANGE_SETTLE, e.getMessage()));
            return DEFAULT_CHANGE_SETTLE;
        }
    }
}
