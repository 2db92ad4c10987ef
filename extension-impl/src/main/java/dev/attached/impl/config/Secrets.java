package dev.attached.impl.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Takes credentials out of texts that leave the extension: log lines, messages, health data, status. */
public final class Secrets {

    static final String MASK = "****";

    /** {@code scheme://user:secret@} as in a URL pasted into a driver's error. */
    private static final Pattern USERINFO = Pattern.compile("(//[^/:@\\s]*):[^@/\\s]*@");
    /** {@code password=secret} as in a JDBC or mail property list. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password\\s*[=:]\\s*)[^;&,\\s)]+");

    private Secrets() {
    }

    /** Masks every known password of {@code handle} and anything shaped like a credential. */
    public static String mask(String text, Handle handle) {
        if (text == null) {
            return null;
        }
        String masked = text;
        if (handle != null && handle.password().isPresent() && !handle.password().get().isEmpty()) {
            String secret = handle.password().get();
            masked = masked.replace(secret, MASK)
                    .replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), MASK);
        }
        masked = USERINFO.matcher(masked).replaceAll("$1:" + MASK + "@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1" + MASK);
    }

    /** The message of a failure and of its root cause, masked: "MessagingException: no connection (SSLException: ...)". */
    public static String describe(Throwable error, Handle handle) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = summary(error);
        if (root != error && !text.contains(String.valueOf(root.getMessage()))) {
            text += " (" + summary(root) + ")";
        }
        return mask(text, handle);
    }

    private static String summary(Throwable error) {
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
