package dev.attached.impl.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
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
 * <p>
 * A file that is there but gives no value is reported with the reason, never as absent: empty (being rewritten),
 * not UTF-8, a link to nothing, not a regular file (a FIFO would block the reader), larger than 1 MiB, or not
 * readable. The caller keeps its last value. Only a file that is gone is absent.
 */
final class MountedFiles {

    /** What a read found: the values, and the files present that gave none, with why. */
    record Listing(Map<String, String> values, Map<String, String> unreadable) {
    }

    static final String EMPTY = "empty";
    static final long MAX_SIZE = 1024 * 1024;

    private static final String KUBERNETES_DATA = "..data";

    private MountedFiles() {
    }

    /**
     * File name to content (trailing line breaks removed); empty if the folder does not exist (yet).
     *
     * @throws UncheckedIOException when the folder is there but cannot be listed: nothing in it can be trusted
     */
    static Listing read(Path folder) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> unreadable = new TreeMap<>();
        Path data = folder.resolve(KUBERNETES_DATA);
        Path snapshot;
        if (Files.isSymbolicLink(data) || Files.isDirectory(data)) {
            try {
                snapshot = data.toRealPath();
            } catch (IOException e) {
                // the link was replaced while we looked: no value can be trusted in this read
                throw new UncheckedIOException(e);
            }
        } else {
            snapshot = folder;
        }
        if (!Files.isDirectory(snapshot)) {
            return new Listing(values, unreadable);
        }
        try (Stream<Path> files = Files.list(snapshot)) {
            files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .forEach(f -> readInto(values, unreadable, f));
        } catch (NoSuchFileException e) {
            return new Listing(values, unreadable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Listing(values, unreadable);
    }

    private static void readInto(Map<String, String> values, Map<String, String> unreadable, Path file) {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            return; // a folder is no key
        }
        if (!Files.exists(file)) {
            if (Files.isSymbolicLink(file)) {
                unreadable.put(name, "a link to nothing");
            }
            return; // removed between listing and reading: absent in this snapshot
        }
        if (!Files.isRegularFile(file)) {
            unreadable.put(name, "not a regular file");
            return;
        }
        try {
            if (Files.size(file) > MAX_SIZE) {
                unreadable.put(name, "larger than 1 MiB");
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            String value = stripLineBreaks(text);
            if (value.isBlank()) {
                unreadable.put(name, EMPTY);
            } else {
                values.put(name, value);
            }
        } catch (CharacterCodingException e) {
            unreadable.put(name, "not UTF-8 text");
        } catch (NoSuchFileException e) {
            // removed between listing and reading: absent in this snapshot
        } catch (AccessDeniedException e) {
            unreadable.put(name, "permission denied");
        } catch (IOException e) {
            unreadable.put(name, e.getClass().getSimpleName());
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
