package dev.attached.impl;

import java.util.Collection;

/**
 * Every message a user may see, each with a stable id. Texts never contain a secret: callers pass masked values.
 */
public final class Messages {

    public static final String NAME_PATTERN = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";

    private Messages() {
    }

    // Definition errors: 001-009

    public static String invalidName(String name, Object injectionPoint) {
        return "ATTACHED-001: @AttachedResource(\"" + name + "\") at " + injectionPoint
                + " has an invalid name: a name must match " + NAME_PATTERN;
    }

    public static String twoKinds(String name, String kind, Object injectionPoint, String otherKind,
            Object otherInjectionPoint) {
        return "ATTACHED-002: resource '" + name + "' is injected as two kinds: " + kind + " at " + injectionPoint
                + " and " + otherKind + " at " + otherInjectionPoint + "; give each its own name";
    }

    public static String unknownKind(String name, String typeName, Object injectionPoint, Collection<String> types) {
        return "ATTACHED-003: @AttachedResource(\"" + name + "\") at " + injectionPoint + " has type " + typeName
                + ", which no resource kind supports; supported types: " + String.join(", ", types);
    }

    public static String kindsClash(String first, String second, String typeName) {
        return "ATTACHED-009: kinds " + first + " and " + second + " both claim " + typeName + "; using " + first;
    }

    // Configuration problems: 010-019

    public static String missingUrl(String name) {
        return "ATTACHED-010: " + key(name, "url") + " is missing: set it (or the environment variable "
                + envName(name, "url") + "), or set " + key(name, "optional") + "=true to start detached";
    }

    public static String malformedUrl(String name, String reason) {
        return "ATTACHED-011: " + key(name, "url") + " " + reason;
    }

    public static String rejectedByKind(String name, String kind, String problem) {
        return "ATTACHED-012: attached." + name + "." + problem + " (kind " + kind + ")";
    }

    public static String invalidValue(String name, String relativeKey, String problem) {
        return "ATTACHED-013: " + key(name, relativeKey) + " " + problem;
    }

    public static String unknownKeyName(String problem) {
        return "ATTACHED-015: " + problem;
    }

    public static String invalidSetting(String key, String problem) {
        return "ATTACHED-014: " + key + " " + problem;
    }

    // Set-up: 020-049

    public static String noHealth() {
        return "ATTACHED-020: MicroProfile Health is not on the class path; no readiness checks registered";
    }

    public static String sourceUnreadable(String source, String error) {
        return "ATTACHED-030: reading " + source + " failed, its last values stand: " + error;
    }

    public static String fileUnreadable(String source, String key, String reason) {
        return "ATTACHED-030: " + source + ": file " + key + " cannot be read (" + reason + "); its last value stands";
    }

    public static String watchingDirectory(String dir, int ordinal) {
        return "ATTACHED-031: watching config directory " + dir + " (ordinal " + ordinal + ")";
    }

    public static String readingServiceBindings(String root) {
        return "ATTACHED-032: reading service bindings under " + root;
    }

    public static String invalidSourceSetting(String key, String problem, String fallback) {
        return "ATTACHED-033: " + key + " " + problem + "; using " + fallback;
    }

    public static String driverSkipped(Throwable error) {
        return "ATTACHED-040: a JDBC driver on the class path was skipped: " + error;
    }

    // Runtime: 100-199

    public static String attached(String name, String kind, String location, long generation) {
        return "ATTACHED-100: " + name + " attached as " + kind + " at " + location + " (generation " + generation
                + ")";
    }

    public static String detached(String name) {
        return "ATTACHED-101: " + name + " is detached: calls fail until " + key(name, "url") + " is set";
    }

    public static String swapped(String name, String from, String to, long generation) {
        return "ATTACHED-102: " + name + " swapped from " + from + " to " + to + " (generation " + generation
                + "); the previous one drains";
    }

    public static String swapFailed(String name, String location, String error, long generation) {
        return "ATTACHED-103: " + name + " could not swap to " + location + ": " + error + "; generation " + generation
                + " keeps serving";
    }

    public static String drained(String name, long generation, String location, long millis) {
        return "ATTACHED-104: " + name + " generation " + generation + " at " + location + " drained in " + millis
                + " ms and closed";
    }

    public static String drainCut(String name, long generation, String location, int cut, String timeout) {
        return "ATTACHED-105: " + name + " generation " + generation + " at " + location + " still had " + cut
                + " unit(s) of work in use after drain-timeout " + timeout + "; closed them";
    }

    public static String detachedCall(String name) {
        return "ATTACHED-106: resource '" + name + "' is detached: set " + key(name, "url") + " to attach it";
    }

    public static String unknownResource(String name) {
        return "ATTACHED-107: no injection point names resource '" + name + "'";
    }

    public static String closeFailed(String name, String error) {
        return "ATTACHED-108: closing a generation of " + name + " failed: " + error;
    }

    public static String refreshFailed(String name, String error) {
        return "ATTACHED-109: refreshing " + name + " after a configuration change failed: " + error;
    }

    public static String checkFailed(Throwable error) {
        return "ATTACHED-110: the check itself failed: " + error.getClass().getName();
    }

    public static String notAResourceBean(Object bean) {
        return "ATTACHED-111: not an attached resource bean: " + bean;
    }

    public static String observerFailed(String name, String event, Throwable error) {
        return "ATTACHED-112: an observer of " + event + " for " + name + " failed; the swap stands: " + error;
    }

    public static String probesAbandoned(String name, int abandoned, String timeout) {
        return "ATTACHED-113: " + abandoned + " probe(s) of " + name + " have not returned within " + timeout
                + "; no further probe is started until one does";
    }

    public static String unwrapRefused(String name, String type) {
        return "ATTACHED-114: resource '" + name + "' cannot be unwrapped as " + type + ": the pool behind the "
                + "reference is replaced at every swap and closed after it; use the injected DataSource itself";
    }

    public static String listenerNotRemoved(String source, Throwable error) {
        return "ATTACHED-115: could not stop listening to config source " + source + ": " + error;
    }

    public static String notStarted(String name) {
        return "ATTACHED-116: resource '" + name + "' cannot be refreshed before the application has started";
    }

    public static String warmUpCut(String name, long generation, String error) {
        return "ATTACHED-117: warming up generation " + generation + " of " + name + " stopped early, the swap goes "
                + "ahead: " + error;
    }

    public static String key(String name, String relativeKey) {
        return "attached." + name + "." + relativeKey;
    }

    /** The environment variable MicroProfile Config maps to a key. */
    public static String envName(String name, String relativeKey) {
        return key(name, relativeKey).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
