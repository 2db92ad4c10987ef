package dev.attached.impl.kind;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.attached.ResourceHandle;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.KeyReader;

/** The keys under {@code attached.<name>.} that shape a DataSource's pool, with their defaults. */
record PoolSettings(int minSize, int maxSize, int initialSize, Duration acquisitionTimeout, Duration idleTimeout,
        Duration maxLifetime, Duration idleValidation, Duration validationInterval, Duration leakTimeout,
        Duration connectTimeout, Optional<String> driver) {

    static final String MIN_SIZE = "pool.min-size";
    static final String MAX_SIZE = "pool.max-size";
    static final String INITIAL_SIZE = "pool.initial-size";
    static final String ACQUISITION_TIMEOUT = "pool.acquisition-timeout";
    static final String IDLE_TIMEOUT = "pool.idle-timeout";
    static final String MAX_LIFETIME = "pool.max-lifetime";
    static final String IDLE_VALIDATION = "pool.idle-validation";
    static final String VALIDATION_INTERVAL = "pool.validation-interval";
    static final String LEAK_TIMEOUT = "pool.leak-timeout";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String DRIVER = "driver";

    static final Set<String> KEYS = Set.of(MIN_SIZE, MAX_SIZE, INITIAL_SIZE, ACQUISITION_TIMEOUT, IDLE_TIMEOUT,
            MAX_LIFETIME, IDLE_VALIDATION, VALIDATION_INTERVAL, LEAK_TIMEOUT, CONNECT_TIMEOUT, DRIVER);

    /** Reads the settings; every unreadable value is added to {@code problems} and replaced by its default. */
    static PoolSettings read(ResourceHandle handle, List<String> problems) {
        KeyReader r = new KeyReader(handle, problems);
        PoolSettings settings = new PoolSettings(
                r.get(MIN_SIZE, 0, KeyReader::count),
                r.get(MAX_SIZE, 20, KeyReader::count),
                r.get(INITIAL_SIZE, 0, KeyReader::count),
                r.get(ACQUISITION_TIMEOUT, Duration.ofSeconds(5), Durations::positive),
                r.get(IDLE_TIMEOUT, Duration.ofMinutes(5), Durations::parse),
                r.get(MAX_LIFETIME, Duration.ofMinutes(30), Durations::parse),
                r.get(IDLE_VALIDATION, Duration.ofSeconds(5), Durations::parse),
                r.get(VALIDATION_INTERVAL, Duration.ofMinutes(2), Durations::parse),
                r.get(LEAK_TIMEOUT, Duration.ZERO, Durations::parse),
                r.get(CONNECT_TIMEOUT, Duration.ofSeconds(10), Durations::positive),
                handle.property(DRIVER));
        if (settings.maxSize < 1) {
            problems.add(MAX_SIZE + ": must be at least 1, but is " + settings.maxSize);
        } else if (settings.minSize > settings.maxSize || settings.initialSize > settings.maxSize) {
            problems.add(MAX_SIZE + ": " + settings.maxSize + " is below " + MIN_SIZE + " or " + INITIAL_SIZE);
        }
        return settings;
    }
}
