package dev.attached.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a folder as the kubelet writes a Secret volume: the values in a timestamped folder, {@code ..data} a
 * symlink to it, each key a symlink through {@code ..data}. An update writes a new timestamped folder and renames a
 * new {@code ..data} link over the old one, so a reader sees all old values or all new ones.
 */
final class SecretVolume {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.nnnnnnnnn");

    private final Path folder;

    SecretVolume(Path folder) {
        this.folder = folder;
    }

    /** Writes the values; returns when they became visible (the rename), in microseconds since the epoch. */
    long write(Map<String, String> values) throws IOException {
        Files.createDirectories(folder);
        Path link = folder.resolve("..data");
        Path previous = Files.isSymbolicLink(link) ? folder.resolve(Files.readSymbolicLink(link)) : null;
        String stamp = LocalDateTime.now().format(STAMP);
        Path data = Files.createDirectory(folder.resolve(stamp));
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Files.writeString(data.resolve(entry.getKey()), entry.getValue());
        }
        Path tmp = folder.resolve("..data_tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(stamp));
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
        long visible = FleetMember.nowMicros();
        for (String key : values.keySet()) {
            Path keyLink = folder.resolve(key);
            if (!Files.isSymbolicLink(keyLink)) {
                Files.createSymbolicLink(keyLink, Path.of("..data", key));
            }
        }
        if (previous != null) {
            try (Stream<Path> old = Files.walk(previous)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return visible;
    }
}
