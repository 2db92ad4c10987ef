package dev.attached.console;

import java.time.Instant;

/**
 * An event and when the console was told of it (events carry no time of their own).
 *
 * @param at when it was observed
 * @param event the event
 */
public record Seen<E>(Instant at, E event) {
}
