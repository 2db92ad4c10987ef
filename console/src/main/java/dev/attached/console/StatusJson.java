package dev.attached.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.attached.AttachedResources;
import dev.attached.ResourceProbed;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.ResourceUsage;

/**
 * The console's JSON. Every text in it comes from Attached's statuses and events, which are masked: no password or
 * URL userinfo. A resource's keys are always all there ({@code null} when there is nothing to show), so a script can
 * read them without checking; a history entry has the keys of its kind of change.
 *
 * <pre>
 * {"time": "2025-01-01T12:00:00Z", "historySize": 100,
 *  "resources": [{"name": "orders-db", "kind": "datasource", "state": "ATTACHED", "generation": 2,
 *                 "location": "jdbc:h2:mem:b", "since": "...", "lastError": null,
 *                 "usage": {"active": 0, "idle": 1, "max": 20, "waiting": 0},
 *                 "readiness": {"up": true, "generation": 2, "tookMillis": 3, "error": null, "at": "..."},
 *                 "lastSwap": {"generation": 2, "location": "...", "previousLocation": "...", "at": "..."},
 *                 "lastFailure": null}],
 *  "history": [{"at": "...", "resource": "orders-db", "change": "swapped", "generation": 2,
 *               "location": "jdbc:h2:mem:b", "previousLocation": "jdbc:h2:mem:a"}, ...]}
 * </pre>
 */
public final class StatusJson {

    private final JsonBuilderFactory json;

    public StatusJson(JsonBuilderFactory json) {
        this.json = json;
    }

    /** Every resource of the application, by name, and the history, newest first. */
    public JsonObject document(AttachedResources resources, EventRecorder recorder, Instant now) {
        JsonArrayBuilder all = json.createArrayBuilder();
        resources.names().stream().sorted()
                .forEach(name -> all.add(resource(resources.status(name), recorder.lastSeen(name))));
        JsonArrayBuilder history = json.createArrayBuilder();
        recorder.history().forEach(entry -> history.add(entry(entry)));
        return json.createObjectBuilder()
                .add("time", now.toString())
                .add("historySize", EventRecorder.HISTORY_SIZE)
                .add("resources", all)
                .add("history", history)
                .build();
    }

    /** One resource: its status and what the console has seen of it. */
    public JsonObject resource(ResourceStatus status, LastSeen seen) {
        JsonObjectBuilder resource = json.createObjectBuilder()
                .add("name", status.name())
                .add("kind", status.kind())
                .add("state", status.state().name())
                .add("generation", status.generation())
                .add("location", status.location())
                .add("since", status.since().toString());
        text(resource, "lastError", status.lastError());
        object(resource, "usage", status.usage().map(this::usage));
        object(resource, "readiness", seen.probe().map(this::readiness));
        object(resource, "lastSwap", seen.swap().map(this::swap));
        object(resource, "lastFailure", seen.failure().map(this::failure));
        return resource.build();
    }

    private JsonObjectBuilder usage(ResourceUsage usage) {
        return json.createObjectBuilder()
                .add("active", usage.active())
                .add("idle", usage.idle())
                .add("max", usage.max())
                .add("waiting", usage.waiting());
    }

    private JsonObjectBuilder readiness(Seen<ResourceProbed> seen) {
        ResourceProbed probe = seen.event();
        JsonObjectBuilder readiness = json.createObjectBuilder()
                .add("up", probe.up())
                .add("generation", probe.generation())
                .add("tookMillis", millis(probe.took()));
        text(readiness, "error", probe.error());
        return readiness.add("at", seen.at().toString());
    }

    private JsonObjectBuilder swap(Seen<ResourceSwapped> seen) {
        ResourceSwapped swap = seen.event();
        return json.createObjectBuilder()
                .add("generation", swap.generation())
                .add("location", swap.location())
                .add("previousLocation", swap.previousLocation())
                .add("at", seen.at().toString());
    }

    private JsonObjectBuilder failure(Seen<ResourceSwapFailed> seen) {
        ResourceSwapFailed failure = seen.event();
        return json.createObjectBuilder()
                .add("generation", failure.generation())
                .add("location", failure.location())
                .add("error", failure.error())
                .add("at", seen.at().toString());
    }

    /** One history entry: the keys every entry has, and those of its kind of change. */
    public JsonObject entry(HistoryEntry entry) {
        JsonObjectBuilder json = this.json.createObjectBuilder()
                .add("at", entry.at().toString())
                .add("resource", entry.resource())
                .add("change", entry.change().label())
                .add("generation", entry.generation())
                .add("location", entry.location());
        entry.previousLocation().ifPresent(previous -> json.add("previousLocation", previous));
        entry.error().ifPresent(error -> json.add("error", error));
        entry.took().ifPresent(took -> json.add("tookMillis", millis(took)));
        if (entry.change() == HistoryEntry.Change.CUT) {
            json.add("cut", entry.cut());
        }
        return json.build();
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }

    private static void text(JsonObjectBuilder object, String key, Optional<String> value) {
        value.ifPresentOrElse(v -> object.add(key, v), () -> object.addNull(key));
    }

    private static void object(JsonObjectBuilder object, String key, Optional<JsonObjectBuilder> value) {
        value.ifPresentOrElse(v -> object.add(key, v), () -> object.addNull(key));
    }
}
