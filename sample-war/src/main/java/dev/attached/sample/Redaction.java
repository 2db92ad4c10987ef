package dev.attached.sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;

/**
 * Makes a failure's message safe for a response body and a log line. A driver's or relay's message is not Attached's
 * and is not masked by it, so this takes out the resource's own password wherever it appears (raw or
 * percent-encoded) and anything shaped like a credential, and makes it one line of at most 400 characters.
 */
@ApplicationScoped
public class Redaction {

    static final int MAX_LENGTH = 400;

    private static final String MASK = "****";
    private static final Pattern USERINFO = Pattern.compile("(//[^/:@\\s]*:)[^@\\s]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd)=)[^&;\\s]*");

    @Inject
    @AttachedResource(OrderRepository.RESOURCE)
    ResourceHandle ordersDb;

    @Inject
    @AttachedResource(ConfirmationMailer.RESOURCE)
    ResourceHandle mailer;

    /** {@code message} with the secrets of {@code resource} masked, on one line. */
    public String redact(String resource, String message) {
        String text = message == null ? "" : message;
        Optional<String> password = password(resource);
        if (password.isPresent() && !password.get().isEmpty()) {
            text = text.replace(password.get(), MASK)
                    .replace(URLEncoder.encode(password.get(), StandardCharsets.UTF_8), MASK);
        }
        text = USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
        text = PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        return oneLine(text);
    }

    private Optional<String> password(String resource) {
        ResourceHandle handle = Map.of(OrderRepository.RESOURCE, ordersDb, ConfirmationMailer.RESOURCE, mailer)
                .get(resource);
        try {
            return handle == null ? Optional.empty() : handle.password();
        } catch (RuntimeException detached) {
            return Optional.empty(); // a detached resource has no password to leak
        }
    }

    /** Line breaks and other control characters become spaces, so a message cannot make or forge a log line. */
    static String oneLine(String text) {
        String line = text.substring(0, Math.min(text.length(), 4 * MAX_LENGTH))
                .replaceAll("[\\p{Cntrl}\\s\\u0085\\u2028\\u2029]+", " ").strip();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }
}
