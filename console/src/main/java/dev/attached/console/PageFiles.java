package dev.attached.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The page's static files, read from this jar; nothing else is served from it. */
final class PageFiles {

    /** A file and its content type. */
    record PageFile(byte[] content, String contentType) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html;charset=UTF-8",
            "console.js", "text/javascript;charset=UTF-8",
            "console.css", "text/css;charset=UTF-8",
            "favicon.svg", "image/svg+xml");

    private PageFiles() {
    }

    /** The file named {@code name} ({@code index.html}, {@code console.js}, {@code console.css}, {@code favicon.svg}). */
    static Optional<PageFile> find(String name) {
        String type = TYPES.get(name);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = PageFiles.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("attached-console is missing its page file " + name);
            }
            return Optional.of(new PageFile(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
