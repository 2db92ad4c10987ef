package dev.attached.kind.redis.testing;

/** The password every test that logs in uses: it must never show up in a log line, message or toString. */
public final class Canary {

    public static final String PASSWORD = "Canary-7f3e9b";

    /** An ACL user the tests create with the canary password. */
    public static final String USER = "app";

    private Canary() {
    }

    /** Fails if {@code text} holds the canary password. */
    public static void assertAbsent(String what, String text) {
        if (text != null && text.contains(PASSWORD)) {
            throw new AssertionError("the canary password showed up in " + what + ":\n" + text);
        }
    }
}
