package dev.attached.kind.memcached.testing;

/** The password test configurations use: it must never show up in a log line, a message or a {@code toString()}. */
public final class Canary {

    public static final String PASSWORD = "Canary-7f3e9b";

    private Canary() {
    }

    /** Fails if {@code text} holds the canary password. */
    public static void assertAbsent(String text) {
        if (text.contains(PASSWORD)) {
            throw new AssertionError("the canary password showed up:\n" + text);
        }
    }
}
