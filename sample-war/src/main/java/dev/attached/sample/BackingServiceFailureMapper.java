package dev.attached.sample;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A backing service that failed is the service's condition, not a bug: 503 with a problem that names the resource and
 * says why, and one warning line in the log per request, with the problem's {@code instance} and no stack trace. An
 * operator reads the same reason in the readiness check and in {@code GET /api/resources}.
 */
@Provider
@ApplicationScoped
public class BackingServiceFailureMapper implements ExceptionMapper<BackingServiceException> {

    private static final Logger LOG = Logger.getLogger(BackingServiceFailureMapper.class.getName());

    @Inject
    Redaction redaction;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Override
    public Response toResponse(BackingServiceException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String why = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getMessage();
        String detail = e.resource() + " is unavailable: " + redaction.redact(e.resource(), why);
        Problem problem = Problem.of(Problem.RESOURCE_UNAVAILABLE, "A backing service is unavailable",
                Response.Status.SERVICE_UNAVAILABLE, detail);
        LOG.warning(() -> problem.status() + " " + request.getMethod() + " " + uri.getRequestUri().getRawPath()
                + " " + problem.instance() + ": " + detail);
        return problem.response();
    }
}
