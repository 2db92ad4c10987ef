package dev.attached.sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;

/**
 * Makes a failure's message safe for a response body and a log line. A driver's or relay's message is not Attached's
 * and is not masked by it, so this takes out the resource's own secrets (its password, and the shipping API's bearer
 * token) wherever they appear (raw or percent-encoded) and anything shaped like a credential, and makes it one line
 * of at most 400 characters.
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

    @Inject
    @AttachedResource(ShippingQuotes.RESOURCE)
    ResourceHandle shippingApi;

    /** {@code message} with the secrets of {@code resource} masked, on one line. */
    public String redact(String resource, String message) {
        String text = message == null ? "" : message;
        for (String secret : secrets(resource)) {
            text = text.replace(secret, MASK).replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), MASK);
        }
        text = USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
        text = PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        return oneLine(text);
    }

    private List<String> secrets(String resource) {
        ResourceHandle handle = Map.of(OrderRepository.RESOURCE, ordersDb, ConfirmationMailer.RESOURCE, mailer,
                ShippingQuotes.RESOURCE, shippingApi).get(resource);
        List<String> secrets = new ArrayList<>();
        try {
            if (handle != null) {
                handle.password().ifPresent(secrets::add);
                handle.property("bearer-token").ifPresent(secrets::add);
            }
        } catch (RuntimeException detached) {
            // a detached resource has no secret to leak
        }
        secrets.removeIf(String::isEmpty);
        return secrets;
    }

    /** Line breaks and other control characters become spaces, so a message cannot make or forge a log line. */
    static String oneLine(String text) {
        String line = text.substring(0, Math.min(text.length(), 4 * MAX_LENGTH))
                .replaceAll("[\\p{Cntrl}\\s\\u0085\\u2028\\u2029]+", " ").strip();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }
}
