package dev.attached.kind.restclient.testing;

/** A parcel to quote, sent as a JSON body. */
public record Parcel(String id, int weightGrams) {
}
