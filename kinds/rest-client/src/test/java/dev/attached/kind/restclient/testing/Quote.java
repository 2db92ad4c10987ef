package dev.attached.kind.restclient.testing;

/** A shipping quote, as the test API answers it in JSON. */
public record Quote(String id, String carrier, int cents) {
}
