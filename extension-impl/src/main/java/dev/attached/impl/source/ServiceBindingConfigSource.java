package dev.attached.impl.source;

import java.io.IOException;
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
        super("attached-service-bindings:" + root, ordinal, pollInterval);
        this.root = root;
    }

    @Override
    protected Map<String, String> read() {
        Map<String, String> values = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return values;
        }
        try (Stream<Path> bindings = Files.list(root)) {
            bindings.filter(Files::isDirectory)
                    .filter(b -> !b.getFileName().toString().startsWith("."))
                    .forEach(b -> map(b.getFileName().toString(), MountedFiles.read(b), values));
        } catch (IOException e) {
            return values;
        }
        return values;
    }

    private static void map(String name, Map<String, String> binding, Map<String, String> values) {
        String prefix = "attached." + name + ".";
        url(binding).ifPresent(url -> values.put(prefix + "url", url));
        binding.forEach((file, value) -> {
            if (!CONSUMED.contains(file)) {
                values.put(prefix + file, value);
            }
        });
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
