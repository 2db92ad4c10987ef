package dev.attached.impl.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a folder of one-value-per-file entries as Kubernetes mounts a Secret or ConfigMap: the files are symlinks
 * into {@code ..data}, itself a symlink to a timestamped folder that the kubelet replaces in one atomic rename. The
 * folder is resolved once per read, so a read sees all old values or all new ones, never a mix.
 */
final class MountedFiles {

    private static final String KUBERNETES_DATA = "..data";

    private MountedFiles() {
    }

    /** File name to content (trailing line breaks removed); empty if the folder does not exist (yet). */
    static Map<String, String> read(Path folder) {
        Map<String, String> values = new TreeMap<>();
        Path data = folder.resolve(KUBERNETES_DATA);
        Path snapshot;
        try {
            snapshot = Files.isDirectory(data) ? data.toRealPath() : folder;
        } catch (IOException e) {
            return values; // the link was replaced while we looked: the next poll sees the new one
        }
        if (!Files.isDirectory(snapshot)) {
            return values;
        }
        try (Stream<Path> files = Files.list(snapshot)) {
            files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .forEach(f -> readInto(values, f));
        } catch (NoSuchFileException e) {
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static void readInto(Map<String, String> values, Path file) {
        try {
            values.put(file.getFileName().toString(), stripLineBreaks(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // removed between listing and reading: absent in this snapshot
        }
    }

    private static String stripLineBreaks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
