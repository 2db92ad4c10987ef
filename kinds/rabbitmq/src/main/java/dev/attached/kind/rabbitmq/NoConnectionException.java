package dev.attached.kind.rabbitmq;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * The client's {@link AlreadyClosedException} with a message of Attached's: what a call gets on a generation that was
 * closed, or that could not connect where the client's signature allows no {@code IOException}.
 */
final class NoConnectionException extends AlreadyClosedException {

    private static final long serialVersionUID = 1L;

    private final String detail;

    NoConnectionException(String message, boolean initiatedByApplication, Throwable cause) {
        super(new ShutdownSignalException(true, initiatedByApplication, null, null, "", cause), cause);
        this.detail = message;
    }

    @Override
    public String getMessage() {
        return detail;
    }
}
