package dev.attached.kind.restclient;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Puts the resource's credentials and configured headers on every request of a client. They are defaults: a header
 * the request already carries (a {@code @HeaderParam} or {@code @ClientHeaderParam} of the interface) is left as the
 * call set it.
 */
final class ConfiguredHeaders implements ClientRequestFilter {

    private final RequestHeaders headers;

    ConfiguredHeaders(RequestHeaders headers) {
        this.headers = headers;
    }

    @Override
    public void filter(ClientRequestContext request) {
        MultivaluedMap<String, Object> present = request.getHeaders();
        headers.values().forEach((name, value) -> {
            if (!present.containsKey(name) && present.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                present.putSingle(name, value);
            }
        });
    }

    /** Header names only. */
    @Override
    public String toString() {
        return "ConfiguredHeaders[" + headers + "]";
    }
}
