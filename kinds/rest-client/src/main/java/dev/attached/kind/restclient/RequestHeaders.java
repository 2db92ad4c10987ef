package dev.attached.kind.restclient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.attached.ResourceHandle;

/**
 * The headers every request of a resource carries, the readiness probe's included: the credentials as
 * {@code Authorization} (HTTP Basic from the username and password, or a bearer token) and the
 * {@code header.<Name>} keys. It knows which values are secrets; {@link #toString()} shows header names only.
 */
final class RequestHeaders {

    static final String BEARER_TOKEN = "bearer-token";
    static final String HEADER_PREFIX = "header.";
    static final String AUTHORIZATION = "Authorization";

    /** RFC 9110 token characters: what a header name may be made of. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Header names whose values are credentials, so they are masked wherever they could be logged. */
    private static final Pattern SECRET_NAME = Pattern
            .compile("(?i)(auth|key|token|secret|passw|cookie|signature|session|credential)");

    private final Map<String, String> values;
    private final Set<String> secrets;
    private final String credentials;

    private RequestHeaders(Map<String, String> values, Set<String> secrets, String credentials) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secrets = Set.copyOf(secrets);
        this.credentials = credentials;
    }

    static RequestHeaders read(ResourceHandle handle, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        Optional<String> username = handle.username().filter(u -> !u.isEmpty());
        Optional<String> password = handle.password().filter(p -> !p.isEmpty());
        Optional<String> token = handle.property(BEARER_TOKEN).map(String::strip);
        String credentials = "none";
        if (token.isPresent()) {
            if (username.isPresent() || password.isPresent()) {
                problems.add(BEARER_TOKEN + ": set either " + BEARER_TOKEN
                        + " or a username and password (keys or the url's userinfo), not both");
            } else if (token.get().isEmpty()) {
                problems.add(BEARER_TOKEN + ": is empty");
            } else if (!printable(token.get())) {
                problems.add(BEARER_TOKEN + ": holds a space, a line break or a control character");
            } else {
                values.put(AUTHORIZATION, "Bearer " + token.get());
                secrets.add(token.get());
                credentials = "bearer token";
            }
        } else if (username.isPresent() || password.isPresent()) {
            String pair = username.orElse("") + ":" + password.orElse("");
            String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            values.put(AUTHORIZATION, "Basic " + encoded);
            secrets.add(encoded);
            password.ifPresent(secrets::add);
            credentials = "basic" + username.map(u -> " user " + u).orElse("");
        }

        handle.propertiesUnder(HEADER_PREFIX).forEach((name, value) -> {
            String key = HEADER_PREFIX + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(key + ": '" + name + "' is not a header name (letters, digits and !#$%&'*+.^_`|~-)");
            } else if (value.chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
                problems.add(key + ": the value holds a line break or a control character");
            } else if (name.equalsIgnoreCase(AUTHORIZATION) && values.containsKey(AUTHORIZATION)) {
                problems.add(key + ": set either this header or the credentials (username and password, or "
                        + BEARER_TOKEN + "), not both");
            } else {
                values.put(name, value.strip());
                if (isSecretName(name)) {
                    secrets.add(value.strip());
                }
            }
        });
        return new RequestHeaders(values, secrets, credentials);
    }

    /** Whether values of this header are credentials: Authorization, X-Api-Key, Cookie, X-Auth-Token... */
    static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    private static boolean printable(String text) {
        return text.chars().allMatch(c -> c > ' ' && c < 0x7f);
    }

    /** Header name to value, in the order configured; the credentials come first. */
    Map<String, String> values() {
        return values;
    }

    /** Every secret value: the password, the token, the encoded Basic pair, and values of credential headers. */
    Set<String> secrets() {
        return secrets;
    }

    /** What the credentials are, without them: {@code basic user apikey}, {@code bearer token}, {@code none}. */
    String credentials() {
        return credentials;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestHeaders other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Credentials and header names, never a value. */
    @Override
    public String toString() {
        Set<String> names = new LinkedHashSet<>(values.keySet());
        names.remove(AUTHORIZATION);
        return "credentials " + credentials + (names.isEmpty() ? "" : ", headers " + names);
    }
}
