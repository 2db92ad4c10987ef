package dev.attached.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The page's files: served by name only, and written so that the page's Content-Security-Policy holds. */
class PageFilesTest {

    @Test
    void onlyThePagesFilesAreServed() {
        assertEquals("text/html;charset=UTF-8", PageFiles.find("index.html").orElseThrow().contentType());
        assertEquals("text/javascript;charset=UTF-8", PageFiles.find("console.js").orElseThrow().contentType());
        assertEquals("text/css;charset=UTF-8", PageFiles.find("console.css").orElseThrow().contentType());
        assertEquals("image/svg+xml", PageFiles.find("favicon.svg").orElseThrow().contentType());
        for (String other : List.of("", "page/index.html", "../EventRecorder.class", "META-INF/beans.xml",
                "index.html/", "INDEX.HTML")) {
            assertTrue(PageFiles.find(other).isEmpty(), other);
        }
    }

    @Test
    void theScriptNeverParsesTextAsMarkup() {
        String script = text("console.js");

        for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function")) {
            assertFalse(script.contains(sink), "console.js uses " + sink + ": texts from the server are set as text");
        }
    }

    @Test
    void thePageHasNoInlineScriptOrStyleForItsPolicyToBlock() {
        String page = text("index.html");

        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find(), "an inline script");
        assertFalse(page.contains("<style"), "an inline style sheet");
        assertFalse(Pattern.compile("\\sstyle=|\\son[a-z]+=").matcher(page).find(), "a style or handler attribute");
    }

    private static String text(String file) {
        return new String(PageFiles.find(file).orElseThrow().content(), StandardCharsets.UTF_8);
    }
}
