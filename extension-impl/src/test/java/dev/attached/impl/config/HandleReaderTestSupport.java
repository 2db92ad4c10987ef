package dev.attached.impl.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Handles read from a small configuration, for tests of the config package. */
final class HandleReaderTestSupport {

    private HandleReaderTestSupport() {
    }

    static Handle handle(String name, String url, String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("attached." + name + ".url", url);
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put("attached." + name + "." + keyValues[i], keyValues[i + 1]);
        }
        return new HandleReader(config(values)).read(name, Set.of()).handle().orElseThrow();
    }

    static org.eclipse.microprofile.config.Config config(Map<String, String> values) {
        ConfigSource source = new PropertiesConfigSource(values, "test", 100);
        return new SmallRyeConfigBuilder().withSources(source).build();
    }
}
