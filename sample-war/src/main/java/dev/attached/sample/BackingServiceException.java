package dev.attached.sample;

/**
 * A call to an attached resource failed: the database or the relay is detached, down, or refused the call. The API
 * answers it with 503 and a problem that names the resource ({@link BackingServiceFailureMapper}).
 */
public class BackingServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String resource;

    public BackingServiceException(String resource, Exception cause) {
        super(resource + " failed", cause);
        this.resource = resource;
    }

    /** The name of the attached resource whose call failed, as in {@code @AttachedResource}. */
    public String resource() {
        return resource;
    }
}
