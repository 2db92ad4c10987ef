package dev.attached.kind.restclient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of the HTTP clients' wire logs. At DEBUG, Apache HttpClient (which RESTEasy uses) logs every
 * request header it sends, {@code Authorization: Bearer ...} included, and the JDK's HttpClient does the same when
 * asked to. This filter sits on those loggers only ({@code java.util.logging}, which Apache HttpClient reaches
 * through commons-logging and the JDK's client through {@code System.Logger}) and rewrites a record before it is
 * published: the value of a credential header ({@code Authorization}, {@code X-Api-Key}, ...) becomes
 * {@code ****}, and so does every secret of a live generation wherever it appears. Records without one pass
 * unchanged; nothing is dropped.
 */
final class WireLogMask implements Filter {

    static final String MASK = "****";

    /** The wire and header loggers of the HTTP clients Rest Client implementations use. */
    static final List<String> LOGGERS = List.of("org.apache.http.headers", "org.apache.http.wire",
            "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire", "jdk.httpclient.HttpClient");

    /** {@code Authorization: Basic xyz}, {@code "X-Api-Key: xyz[\r][\n]"}: a credential header's value. */
    private static final Pattern CREDENTIAL_HEADER = Pattern.compile(
            "(?i)((?:[!#$%&'*+.^_`|~0-9a-z-]*(?:auth|key|token|secret|passw|cookie|signature|session|credential)"
                    + "[!#$%&'*+.^_`|~0-9a-z-]*)\\s*[:=]\\s*)([^\\r\\n\"\\[\\]]+)");

    /** Secrets shorter than this are not masked by value: "pw" would eat every "pw" in a line. */
    private static final int SHORTEST = 4;

    /** Secrets of the generations open now, with how many generations hold each. */
    private static final Map<String, Integer> SECRETS = new ConcurrentHashMap<>();
    /** The loggers filtered, held so that java.util.logging does not forget them and their filters. */
    private static final Map<String, Logger> FILTERED = new ConcurrentHashMap<>();

    private final Filter previous;
    private final SimpleFormatter formatter = new SimpleFormatter();

    private WireLogMask(Filter previous) {
        this.previous = previous;
    }

    /** Masks these secrets from now on, and puts the filter on the wire loggers if it is not there yet. */
    static void add(Iterable<String> secrets) {
        install();
        for (String secret : secrets) {
            if (secret.length() >= SHORTEST) {
                SECRETS.merge(secret, 1, Integer::sum);
            }
        }
    }

    /** A generation that held these secrets is closed. */
    static void remove(Iterable<String> secrets) {
        for (String secret : secrets) {
            SECRETS.computeIfPresent(secret, (s, count) -> count > 1 ? count - 1 : null);
        }
    }

    private static void install() {
        for (String name : LOGGERS) {
            FILTERED.computeIfAbsent(name, n -> {
                Logger logger = Logger.getLogger(n);
                Filter current = logger.getFilter();
                if (!(current instanceof WireLogMask)) {
                    logger.setFilter(new WireLogMask(current));
                }
                return logger;
            });
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (previous != null && !previous.isLoggable(record)) {
            return false;
        }
        String text = record.getParameters() == null || record.getParameters().length == 0
                ? record.getMessage()
                : formatter.formatMessage(record);
        String masked = mask(text);
        if (masked != null && !masked.equals(text)) {
            record.setMessage(masked);
            record.setParameters(null);
            record.setResourceBundle(null);
        }
        return true;
    }

    static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : SECRETS.keySet()) {
            masked = masked.replace(secret, MASK);
        }
        Matcher m = CREDENTIAL_HEADER.matcher(masked);
        return m.find() ? m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)) + MASK) : masked;
    }
}
