package dev.attached.kind.rabbitmq.testing;

/** The password every test configuration uses: it must never show up anywhere a user or an operator can see. */
public final class Canary {

    public static final String PASSWORD = "Canary-7f3e9b";

    private Canary() {
    }
}
