package dev.attached.sample;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Anything else is a bug of the sample: 500 with a problem that says nothing about the failure (its message is not
 * known to be safe to show) but the instance to look for, and the stack trace in the log, once, where the developer
 * needs it.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Override
    public Response toResponse(Exception e) {
        Problem problem = Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                "an unexpected error; the server log has it under this problem's instance");
        LOG.log(Level.SEVERE, problem.status() + " " + request.getMethod() + " " + uri.getRequestUri().getRawPath()
                + " " + problem.instance(), e);
        return problem.response();
    }
}
