package dev.attached.sample;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A resource name the application does not have: 404 with a problem that lists the names it has. Not logged. */
@Provider
public class UnknownResourceMapper implements ExceptionMapper<UnknownResourceException> {

    @Override
    public Response toResponse(UnknownResourceException e) {
        return Problem.of(Problem.UNKNOWN_RESOURCE, "No such attached resource", Response.Status.NOT_FOUND,
                e.getMessage()).response();
    }
}
