package dev.attached.impl.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import dev.attached.ResourceHandle;

/**
 * One configuration of a resource, as read at one moment: what a generation is opened from. Two handles are equal
 * when every key under {@code attached.<name>.} is; a change of any of them is what a swap is made of.
 */
public final class Handle implements ResourceHandle {

    public static final String URL = "url";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";

    private final String name;
    private final ResourceUrl url;
    private final Map<String, String> keys;
    private final Map<String, String> environmentOnly;
    private final Settings settings;

    /**
     * @param keys every key under {@code attached.<name>.}, relative to it, url and credentials included
     */
    Handle(String name, ResourceUrl url, Map<String, String> keys, Settings settings) {
        this(name, url, keys, Map.of(), settings);
    }

    /**
     * @param environmentOnly values of environment-style names no known key stands for
     *        ({@code ATTACHED_GEO_API_API_VERSION}), by the name's rest ({@code API_VERSION}): found by
     *        {@link #property(String)} as MicroProfile Config maps names ({@code api-version})
     */
    Handle(String name, ResourceUrl url, Map<String, String> keys, Map<String, String> environmentOnly,
            Settings settings) {
        this.name = name;
        this.url = url;
        this.keys = Map.copyOf(keys);
        this.environmentOnly = Map.copyOf(environmentOnly);
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI uri() {
        return url.uri();
    }

    /** The lowercase scheme; {@code jdbc:postgresql} for a JDBC URL. */
    public String scheme() {
        return url.scheme();
    }

    /** From the URL's userinfo if it has one: a URL is replaced as a whole, so its own user goes with it. */
    @Override
    public Optional<String> host() {
        return Optional.ofNullable(url.host());
    }

    @Override
    public OptionalInt port() {
        return url.port() < 0 ? OptionalInt.empty() : OptionalInt.of(url.port());
    }

    @Override
    public Optional<String> username() {
        return url.username().or(() -> property(USERNAME));
    }

    /** From the URL's userinfo if it has one, else {@code attached.<name>.password}. */
    @Override
    public Optional<String> password() {
        return url.password().or(() -> property(PASSWORD));
    }

    @Override
    public Optional<String> property(String key) {
        String value = keys.get(key);
        return Optional.ofNullable(value != null ? value : environmentOnly.get(KeyNames.environmentForm(key)));
    }

    @Override
    public Map<String, String> propertiesUnder(String prefix) {
        Map<String, String> found = new TreeMap<>();
        keys.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), value);
            }
        });
        return found;
    }

    /** Scheme, hosts, ports and path; never a credential (a secret value that shows in it anyway is masked). */
    public String location() {
        return Secrets.mask(url.location(), this);
    }

    /** The locator as read: the text without credentials, its hosts and options. */
    public ResourceUrl url() {
        return url;
    }

    /** Every secret value of this handle: the password, and the value of any key named like one. */
    Set<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>();
        password().ifPresent(secrets::add);
        keys.forEach((key, value) -> {
            if (!key.equals(URL) && Secrets.isSecretKey(key)) {
                secrets.add(value);
            }
        });
        environmentOnly.forEach((key, value) -> {
            if (Secrets.isSecretKey(key)) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    public Settings settings() {
        return settings;
    }

    /** Masks this handle's secrets in a text. */
    public String mask(String text) {
        return Secrets.mask(text, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Handle other && name.equals(other.name) && keys.equals(other.keys)
                && environmentOnly.equals(other.environmentOnly);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keys, environmentOnly);
    }

    @Override
    public String toString() {
        return "ResourceHandle[" + name + " at " + location() + username().map(u -> ", user " + u).orElse("")
                + password().map(p -> ", password " + Secrets.MASK).orElse("") + "]";
    }

    /** The settings Attached itself reads from a handle, validated when it was read. */
    public record Settings(boolean healthEnabled, Duration healthTimeout, Duration drainTimeout) {
    }
}
