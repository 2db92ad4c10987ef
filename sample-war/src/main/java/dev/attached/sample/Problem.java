package dev.attached.sample;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem: what the API answers whenever a request fails, as {@code application/problem+json}.
 * {@code instance} is an id of this occurrence that the server log shows too, so a client's report finds its log
 * line.
 *
 * @param type identifies the kind of problem; {@code about:blank} when the status says it all
 * @param title the kind of problem, the same for every occurrence
 * @param status the HTTP status
 * @param detail this occurrence: what failed and why
 * @param instance {@code urn:uuid:...}, also in the server's log line
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Types that are not dereferenced: tag URIs, as RFC 9457 recommends for those. */
    static final String RESOURCE_UNAVAILABLE = "tag:attached.dev,2026:sample/resource-unavailable";
    static final String UNKNOWN_RESOURCE = "tag:attached.dev,2026:sample/unknown-resource";
    static final String UNKNOWN_ORDER = "tag:attached.dev,2026:sample/unknown-order";
    static final String INVALID_ORDER = "tag:attached.dev,2026:sample/invalid-order";

    /** A problem of a type of its own. */
    static Problem of(String type, String title, Response.StatusType status, String detail) {
        return new Problem(type, title, status.getStatusCode(), detail, "urn:uuid:" + UUID.randomUUID());
    }

    /** A problem the status says all about: type {@code about:blank}, titled with the status's phrase. */
    static Problem of(Response.StatusType status, String detail) {
        return of("about:blank", status.getReasonPhrase(), status, detail);
    }

    /** The response that carries it. */
    Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
