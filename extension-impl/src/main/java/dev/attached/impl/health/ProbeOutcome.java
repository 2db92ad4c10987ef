package dev.attached.impl.health;

import java.util.Map;
import java.util.Optional;

/** What one readiness probe found; texts are masked. */
record ProbeOutcome(boolean up, Map<String, Object> data, Optional<String> error) {

    static ProbeOutcome up(Map<String, Object> data) {
        return new ProbeOutcome(true, data, Optional.empty());
    }

    static ProbeOutcome down(String error) {
        return new ProbeOutcome(false, Map.of(), Optional.of(error));
    }

    /** Down, saying how many earlier probes never returned and still hold a thread. */
    static ProbeOutcome down(String error, int abandoned) {
        return new ProbeOutcome(false, abandoned > 0 ? Map.of("probe.abandoned", abandoned) : Map.of(),
                Optional.of(error));
    }
}
