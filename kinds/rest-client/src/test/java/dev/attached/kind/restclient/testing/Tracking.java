package dev.attached.kind.restclient.testing;

/** A parcel's tracking state, as the test API answers it in JSON. */
public record Tracking(String id, String status, String server) {
}
