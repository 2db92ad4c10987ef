package dev.attached.impl.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

import dev.attached.impl.Messages;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.GlobalSettings;
import dev.attached.impl.config.KeyReader;

/**
 * Adds the built-in dynamic sources to the application's {@code Config}, found by MicroProfile Config through
 * {@code ServiceLoader}. They are switched on by system properties or environment variables, since a config source
 * cannot be configured by the config it is part of:
 * <ul>
 * <li>{@code attached.config.dir} / {@code ATTACHED_CONFIG_DIR}: folders (comma-separated) of one-key-per-file
 * entries, ordinal {@code attached.config.ordinal} (default 450);</li>
 * <li>{@code SERVICE_BINDING_ROOT} (or {@code attached.service-binding-root}): the Kubernetes service binding root,
 * ordinal 270, below environment variables;</li>
 * <li>{@code attached.config.poll} / {@code ATTACHED_CONFIG_POLL}: how often both look for changes (default 1s).</li>
 * </ul>
 */
public final class AttachedConfigSources implements ConfigSourceProvider {

    private static final Logger LOG = Logger.getLogger(AttachedConfigSources.class.getName());

    static final int DIRECTORY_ORDINAL = 450;
    static final int SERVICE_BINDING_ORDINAL = 270;
    static final String POLL = "attached.config.poll";
    static final String ORDINAL = "attached.config.ordinal";
    static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
    static final String SETTLE = GlobalSettings.CHANGE_SETTLE;
    static final Duration DEFAULT_SETTLE = GlobalSettings.DEFAULT_CHANGE_SETTLE;
    static final Duration MAX_POLL = Duration.ofMinutes(10);

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
        List<ConfigSource> sources = new ArrayList<>();
        Duration poll = poll();
        setting("attached.config.dir").ifPresent(dirs -> {
            int ordinal = ordinal();
            for (String dir : dirs.split(",")) {
                if (!dir.isBlank()) {
                    sources.add(new DirectoryConfigSource(Path.of(dir.strip()), ordinal, poll));
                    LOG.info(Messages.watchingDirectory(dir.strip(), ordinal));
                }
            }
        });
        setting("attached.service-binding-root").or(() -> Optional.ofNullable(System.getenv("SERVICE_BINDING_ROOT")))
                .filter(root -> !root.isBlank())
                .ifPresent(root -> {
                    sources.add(new ServiceBindingConfigSource(Path.of(root), SERVICE_BINDING_ORDINAL, poll));
                    LOG.info(Messages.readingServiceBindings(root));
                });
        return sources;
    }

    /**
     * How often the sources look for changes. A config source cannot fail a deployment with a message of its own, so
     * an unreadable value is warned about and the default used.
     */
    static Duration poll() {
        Optional<String> value = setting(POLL);
        try {
            return value.map(Durations.positiveAtMost(MAX_POLL)).orElse(DEFAULT_POLL);
        } catch (IllegalArgumentException e) {
            LOG.warning(Messages.invalidSourceSetting(POLL, e.getMessage(), Durations.format(DEFAULT_POLL)));
            return DEFAULT_POLL;
        }
    }

    /**
     * The settle time the sources add to their poll interval before reporting a change. They are built before the
     * {@code Config} they belong to, so they read {@code attached.change-settle} as a system property or environment
     * variable (default 500ms); the swap itself waits {@code attached.change-settle} as Config gives it.
     */
    static Duration settle() {
        Optional<String> value = setting(SETTLE);
        try {
            return value.map(Durations::parse).orElse(DEFAULT_SETTLE);
        } catch (IllegalArgumentException e) {
            LOG.warning(Messages.invalidSourceSetting(SETTLE, e.getMessage(), Durations.format(DEFAULT_SETTLE)));
            return DEFAULT_SETTLE;
        }
    }

    private static int ordinal() {
        Optional<String> value = setting(ORDINAL);
        try {
            return value.map(String::strip).map(Integer::parseInt).orElse(DIRECTORY_ORDINAL);
        } catch (NumberFormatException e) {
            LOG.warning(Messages.invalidSourceSetting(ORDINAL, KeyReader.quote(value.get()) + " is not a whole number",
                    String.valueOf(DIRECTORY_ORDINAL)));
            return DIRECTORY_ORDINAL;
        }
    }

    /** A system property, else its environment variable. */
    static Optional<String> setting(String key) {
        return Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase())));
    }
}
