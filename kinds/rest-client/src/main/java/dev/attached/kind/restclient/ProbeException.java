package dev.attached.kind.restclient;

import java.io.IOException;

/** Why a readiness probe found the API not ready: no answer, or an answer that does not count as UP. */
final class ProbeException extends IOException {

    private static final long serialVersionUID = 1L;

    ProbeException(String message) {
        super(message);
    }

    ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
