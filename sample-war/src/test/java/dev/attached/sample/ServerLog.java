package dev.attached.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Open Liberty's logs folder: what the server wrote after a mark, and every file it holds. */
final class ServerLog {

    private final Path messages;

    ServerLog(Path messages) {
        this.messages = messages;
    }

    /** Where the log ends now; {@link #linesSince(long)} reads what comes after. */
    long mark() throws IOException {
        return Files.size(messages);
    }

    List<String> linesSince(long mark) throws IOException {
        byte[] all = Files.readAllBytes(messages);
        int from = (int) Math.min(mark, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
    }

    /** The text of every file in the logs folder (messages.log, console.log, trace and FFDC files). */
    String everything() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(messages.getParent())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
