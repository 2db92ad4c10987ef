package dev.attached.impl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a folder the way the kubelet writes a Secret or ConfigMap volume: the values in a timestamped folder,
 * {@code ..data} a symlink to it, each key a symlink into {@code ..data}; an update writes a new timestamped folder
 * and renames a new {@code ..data} link over the old one in one atomic step.
 */
public final class KubernetesMount {

    private final Path folder;
    private int version;

    public KubernetesMount(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public void write(Map<String, String> values) throws IOException {
        Files.createDirectories(folder);
        Path previous = Files.isSymbolicLink(folder.resolve("..data"))
                ? folder.resolve(Files.readSymbolicLink(folder.resolve("..data")))
                : null;
        String stamp = "..2026_11_28_00_00_0" + (++version);
        Path data = Files.createDirectory(folder.resolve(stamp));
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Files.writeString(data.resolve(entry.getKey()), entry.getValue() + "\n");
        }
        Path tmp = folder.resolve("..data_tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(stamp));
        Files.move(tmp, folder.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        for (String key : values.keySet()) {
            Path link = folder.resolve(key);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data", key));
            }
        }
        if (previous != null) {
            try (Stream<Path> old = Files.walk(previous)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
