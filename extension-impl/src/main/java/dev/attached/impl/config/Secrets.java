package dev.attached.impl.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of texts that leave the extension: log lines, messages, health data, status, events. Two
 * layers, neither of which needs a URL parser to succeed: every secret value the handle knows is replaced wherever it
 * appears (raw or percent-encoded), and then anything shaped like a credential is masked: a URL's
 * {@code user:secret@}, Oracle's {@code user/secret@}, a {@code password=secret} option. Only values are masked,
 * never words: MariaDB's "(using password: YES)" stays as it is.
 */
public final class Secrets {

    static final String MASK = "****";

    /** Secrets shorter than this are masked only where they stand alone, so "pw" does not eat every "pw" in a word. */
    private static final int SHORT = 4;

    /** {@code //user:secret@}: up to the last {@code @} before a space or a {@code /}, so a raw @ is covered. */
    private static final Pattern USERINFO = Pattern.compile("(//[^/\\s@:]*):[^\\s/]*@");
    /** {@code jdbc:oracle:thin:user/secret@}. */
    private static final Pattern ORACLE = Pattern
            .compile("(?i)(jdbc:oracle:[a-z0-9]+:[^\\s/@]*)/(\"[^\"]*\"|[^\\s@]*)@");
    /** {@code password=secret}, {@code trustStorePassword=...}, {@code ;pwd={a;b}}: options, not prose. */
    private static final Pattern OPTION = Pattern.compile("(?i)((?:^|[\\s;&?,(\\[{])[a-z0-9_.-]*"
            + "(?:password|passwd|pwd|secret|token)[a-z0-9_.-]*\\s*=\\s*)(\\{[^}]*}|\"[^\"]*\"|'[^']*'|[^;&,\\s)\\]}]+)");
    /** {@code "password":"secret"}, as a JSON body echoed in an error. */
    private static final Pattern JSON = Pattern
            .compile("(?i)(\"[a-z0-9_.-]*(?:password|secret|token)[a-z0-9_.-]*\"\\s*:\\s*\")[^\"]*");
    /** Keys under {@code attached.<name>.} whose values are secrets besides the password. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)(password|passwd|pwd|secret|token|credential)");

    private Secrets() {
    }

    /** Whether a key's value is a secret: {@code password}, {@code jdbc.sslpassword}, {@code api-token}... */
    static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).find();
    }

    /** Masks every secret of {@code handle} and anything shaped like a credential. */
    public static String mask(String text, Handle handle) {
        if (text == null) {
            return null;
        }
        String masked = text;
        if (handle != null) {
            for (String secret : handle.secrets()) {
                masked = maskValue(masked, secret);
            }
        }
        masked = USERINFO.matcher(masked).replaceAll("$1:" + MASK + "@");
        masked = ORACLE.matcher(masked).replaceAll("$1/" + MASK + "@");
        masked = OPTION.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + MASK);
        return JSON.matcher(masked).replaceAll("$1" + MASK);
    }

    /** Replaces one secret value, in every form it may be written in. */
    static String maskValue(String text, String secret) {
        if (secret == null || secret.isEmpty()) {
            return text;
        }
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        String masked = text;
        for (String form : forms) {
            if (form.length() >= SHORT) {
                masked = masked.replace(form, MASK);
            } else {
                masked = masked.replaceAll("(?<![\\p{Alnum}])" + Pattern.quote(form) + "(?![\\p{Alnum}])", MASK);
            }
        }
        return masked;
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
