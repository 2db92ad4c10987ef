package dev.attached.kind.rabbitmq;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * What every call on an injected {@code Connection} throws while its resource is detached (its url was removed): an
 * {@link AlreadyClosedException}, as the client throws for a closed connection, whose message names the resource
 * and the key to set.
 */
public final class ResourceDetachedException extends AlreadyClosedException {

    private static final long serialVersionUID = 1L;

    private final String detail;

    ResourceDetachedException(String message) {
        super(new ShutdownSignalException(true, true, null, null, "", null));
        this.detail = message;
    }

    @Override
    public String getMessage() {
        return detail;
    }
}
