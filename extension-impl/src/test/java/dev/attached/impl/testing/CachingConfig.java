package dev.attached.impl.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A {@code Config} that caches what it answers for a minute, as Payara's does ({@code mp.config.cache.duration},
 * 60 s by default): values, misses and the list of names. Its sources are the real, live ones. Wraps a real SmallRye
 * Config, so everything else (ordinals, profiles, expressions, environment names) is SmallRye's.
 */
public final class CachingConfig implements Config {

    private final Config delegate;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();

    public CachingConfig(Config delegate) {
        this.delegate = delegate;
    }

    /** How many answers came from the cache: a test can check the cache was in the way. */
    public int cached() {
        return cache.size();
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> compute) {
        return (T) cache.computeIfAbsent(key, k -> compute.get());
    }

    @Override
    public <T> T getValue(String propertyName, Class<T> propertyType) {
        Optional<T> value = getOptionalValue(propertyName, propertyType);
        return value.orElseGet(() -> delegate.getValue(propertyName, propertyType));
    }

    @Override
    public ConfigValue getConfigValue(String propertyName) {
        return cached("configValue:" + propertyName, () -> delegate.getConfigValue(propertyName));
    }

    @Override
    public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
        return cached("optional:" + propertyType.getName() + ":" + propertyName,
                () -> delegate.getOptionalValue(propertyName, propertyType));
    }

    @Override
    public <T> List<T> getValues(String propertyName, Class<T> propertyType) {
        return cached("values:" + propertyType.getName() + ":" + propertyName,
                () -> delegate.getValues(propertyName, propertyType));
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return cached("names", () -> List.copyOf(toList(delegate.getPropertyNames())));
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return delegate.getConfigSources();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return delegate.getConverter(forType);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    private static List<String> toList(Iterable<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEach(list::add);
        return list;
    }
}
