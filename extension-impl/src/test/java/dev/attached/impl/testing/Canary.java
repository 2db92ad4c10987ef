package dev.attached.impl.testing;

/** The password every test configuration uses: it must never show up anywhere a user or an operator can see. */
public final class Canary {

    public static final String PASSWORD = "canary-Pw-7f3a9Qx";

    private Canary() {
    }
}
