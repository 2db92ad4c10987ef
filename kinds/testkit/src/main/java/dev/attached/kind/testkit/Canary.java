package dev.attached.kind.testkit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The password the kinds' tests configure wherever a password goes: it must never show up where a user or an
 * operator can see it (a log line at any level, a message, a health response, a status, a {@code toString()}).
 */
public final class Canary {

    public static final String PASSWORD = "Canary-7f3e9b";

    private Canary() {
    }

    /** Fails if {@code text} holds the canary password. */
    public static void assertAbsent(String text) {
        assertAbsent("a text", text);
    }

    /** Fails if {@code text} holds the canary password; {@code what} names the text in the failure. */
    public static void assertAbsent(String what, String text) {
        if (text != null && text.contains(PASSWORD)) {
            fail("the canary password showed up in " + what + ":\n" + text);
        }
    }
}
