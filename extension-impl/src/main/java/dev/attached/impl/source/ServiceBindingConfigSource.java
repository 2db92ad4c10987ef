package dev.attached.impl.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Kubernetes service binding layout: {@code $SERVICE_BINDING_ROOT/<name>/} holds {@code type}, {@code uri} or
 * {@code host}/{@code port}/{@code database}, {@code username}, {@code password}. Binding {@code orders-db} becomes
 * {@code attached.orders-db.url}, {@code .username}, {@code .password}; further files become further keys.
 */
public final class ServiceBindingConfigSource extends PollingConfigSource {

    /** Binding types whose URL scheme differs from the type's name. */
    private static final Map<String, String> SCHEMES = Map.of("postgresql", "postgres", "rabbitmq", "amqp");
    private static final Set<String> CONSUMED = Set.of("type", "provider", "uri", "host", "port", "database");

    private final Path root;

    public ServiceBindingConfigSource(Path root, int ordinal, Duration pollInterval) {
        this(root, ordinal, pollInterval, AttachedConfigSources.settle());
    }

    public ServiceBindingConfigSource(Path root, int ordinal, Duration pollInterval, Duration settle) {
        super("attached-service-bindings:" + root, ordinal, pollInterval, settle);
        this.root = root;
    }

    @Override
    protected Snapshot read() {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> unreadable = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return new Snapshot(values, unreadable);
        }
        try (Stream<Path> bindings = Files.list(root)) {
            bindings.filter(Files::isDirectory)
                    .filter(b -> !b.getFileName().toString().startsWith("."))
                    .forEach(b -> map(b.getFileName().toString(), MountedFiles.read(b), values, unreadable));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Snapshot(values, unreadable);
    }

    private static void map(String name, MountedFiles.Listing binding, Map<String, String> values,
            Map<String, String> unreadable) {
        String prefix = "attached." + name + ".";
        url(binding.values()).ifPresent(url -> values.put(prefix + "url", url));
        binding.values().forEach((file, value) -> {
            if (!CONSUMED.contains(file)) {
                values.put(prefix + file, value);
            }
        });
        // a file the url is made of keeps the whole url; any other keeps its own key
        binding.unreadable().forEach((file, reason) -> unreadable
                .put(CONSUMED.contains(file) ? prefix + "url" : prefix + file, file + ": " + reason));
    }

    private static Optional<String> url(Map<String, String> binding) {
        if (binding.containsKey("uri")) {
            return Optional.of(binding.get("uri"));
        }
        String host = binding.get("host");
        String type = binding.get("type");
        if (host == null || type == null) {
            return Optional.empty();
        }
        String scheme = SCHEMES.getOrDefault(type.strip().toLowerCase(Locale.ROOT), type.strip());
        String port = binding.containsKey("port") ? ":" + binding.get("port").strip() : "";
        String database = binding.containsKey("database") ? "/" + binding.get("database").strip() : "";
        return Optional.of(scheme + "://" + host.strip() + port + database);
    }
}
