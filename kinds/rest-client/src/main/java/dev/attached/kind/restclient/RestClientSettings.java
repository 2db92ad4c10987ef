package dev.attached.kind.restclient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.rest.client.ext.QueryParamStyle;

import dev.attached.ResourceHandle;
import dev.attached.spi.SettingValues;

/**
 * What one generation of a Rest Client resource builds its clients from, read from a handle without touching the
 * network. {@link #toString()} and {@link #location()} never show a credential or a header value.
 *
 * @param location scheme, host, port and path: what messages and the health data show
 * @param baseUri the base URI every client is built with: the url without its credentials
 * @param headers the credentials and further headers every request carries
 * @param connectTimeout {@code connect-timeout}; the implementation's default when empty
 * @param readTimeout {@code read-timeout}; the implementation's default when empty
 * @param followRedirects {@code follow-redirects}; the implementation's default (no) when empty
 * @param proxy {@code proxy}, as {@code host:port}
 * @param queryParamStyle {@code query-param-style}
 * @param properties {@code property.<name>} keys, handed to the builder as they are (implementation-specific)
 * @param health how the readiness probe asks
 */
record RestClientSettings(String location, URI baseUri, RequestHeaders headers,
        Optional<Duration> connectTimeout, Optional<Duration> readTimeout, Optional<Boolean> followRedirects,
        Optional<ProxyAddress> proxy, Optional<QueryParamStyle> queryParamStyle, Map<String, String> properties,
        HealthSettings health) {

    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String READ_TIMEOUT = "read-timeout";
    static final String FOLLOW_REDIRECTS = "follow-redirects";
    static final String PROXY = "proxy";
    static final String QUERY_PARAM_STYLE = "query-param-style";
    static final String PROPERTY_PREFIX = "property.";

    /**
     * The keys this kind reads under {@code attached.<name>.} besides url, username and password; those under
     * {@code header.} and {@code property.} are found in sources that list their names.
     */
    static final Set<String> KEYS = Set.of(RequestHeaders.BEARER_TOKEN, CONNECT_TIMEOUT, READ_TIMEOUT,
            FOLLOW_REDIRECTS, PROXY, QUERY_PARAM_STYLE, HealthSettings.PATH, HealthSettings.METHOD,
            HealthSettings.UP_STATUS);

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\s/\\[\\]]+):(\\d{1,5})");

    /** An HTTP proxy. */
    record ProxyAddress(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * Reads a handle; every problem is added as a phrase that starts with its key, and never holds a secret.
     *
     * @return the settings, meaningful only if no problem was added
     */
    static RestClientSettings read(ResourceHandle handle, List<String> problems) {
        URI base = baseUri(handle, problems);
        RequestHeaders headers = RequestHeaders.read(handle, problems);
        Optional<Duration> connectTimeout = SettingValues.read(handle, CONNECT_TIMEOUT, SettingValues::positiveDuration,
                problems);
        Optional<Duration> readTimeout = SettingValues.read(handle, READ_TIMEOUT, SettingValues::positiveDuration,
                problems);
        Optional<Boolean> followRedirects = SettingValues.read(handle, FOLLOW_REDIRECTS, SettingValues::flag, problems);
        Optional<ProxyAddress> proxy = SettingValues.read(handle, PROXY, RestClientSettings::proxy, problems);
        Optional<QueryParamStyle> style = SettingValues.read(handle, QUERY_PARAM_STYLE,
                RestClientSettings::queryParamStyle,
                problems);
        Map<String, String> properties = handle.propertiesUnder(PROPERTY_PREFIX);
        HealthSettings health = HealthSettings.read(handle, base, problems);
        String location = base.getScheme() + "://" + base.getRawAuthority()
                + Optional.ofNullable(base.getRawPath()).orElse("");
        return new RestClientSettings(location, base, headers, connectTimeout, readTimeout, followRedirects, proxy,
                style, Map.copyOf(properties), health);
    }

    /** The url without credentials, query or fragment; every way it cannot be a base URI is a problem. */
    private static URI baseUri(ResourceHandle handle, List<String> problems) {
        URI uri = handle.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        URI fallback = URI.create("http://invalid");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add("url: scheme '" + scheme + "' does not fit a Rest Client (use http:// or https://)");
            return fallback;
        }
        Optional<String> host = handle.host().filter(h -> !h.isEmpty());
        if (host.isEmpty()) {
            problems.add("url: names no host (write " + scheme + "://host/path)");
            return fallback;
        }
        if (uri.getHost() == null) {
            // java.net.URI finds no host in a docker-compose name with an underscore; no HTTP client accepts one
            problems.add("url: host '" + host.get() + "' is not a valid host name for HTTP clients (an underscore?):"
                    + " use a name without underscores, such as a network alias");
            return fallback;
        }
        int port = handle.port().orElse(-1);
        if (port == 0 || port > 65535) {
            problems.add("url: port " + port + " is out of range (1 to 65535)");
        }
        if (uri.getRawQuery() != null) {
            // never quoted: an API key often sits in a query
            problems.add("url: has a query, which a Rest Client base URI does not keep"
                    + " (use @QueryParam in the interface, or a header." + "<Name> key for an API key)");
        }
        if (uri.getRawFragment() != null) {
            problems.add("url: has a fragment (#...), which HTTP requests do not carry");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + Optional.ofNullable(uri.getRawPath()).orElse(""));
    }

    private static ProxyAddress proxy(String text) {
        Matcher m = HOST_PORT.matcher(text);
        int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    SettingValues.quote(text) + " is not host:port (e.g. proxy.internal:3128)");
        }
        return new ProxyAddress(m.group(1), port);
    }

    private static QueryParamStyle queryParamStyle(String text) {
        String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (QueryParamStyle style : QueryParamStyle.values()) {
            if (style.name().equals(name)) {
                return style;
            }
        }
        throw new IllegalArgumentException(
                SettingValues.quote(text) + " is not one of multi-pairs, comma-separated, array-pairs");
    }

    /** The location and the settings, never a credential or a header value. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RestClientSettings[").append(location).append(", ").append(headers);
        connectTimeout.ifPresent(d -> text.append(", connect-timeout ").append(SettingValues.format(d)));
        readTimeout.ifPresent(d -> text.append(", read-timeout ").append(SettingValues.format(d)));
        followRedirects.ifPresent(f -> text.append(", follow-redirects ").append(f));
        proxy.ifPresent(p -> text.append(", proxy ").append(p));
        queryParamStyle.ifPresent(s -> text.append(", query-param-style ").append(s));
        if (!properties.isEmpty()) {
            text.append(", properties ").append(properties.keySet());
        }
        return text.append(", health ").append(health.method()).append(' ').append(health.uri().getRawPath())
                .append(" up ").append(health.upStatuses()).append(']').toString();
    }
}
