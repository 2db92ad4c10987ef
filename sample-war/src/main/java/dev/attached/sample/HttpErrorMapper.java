package dev.attached.sample;

import java.util.Locale;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The errors JAX-RS raises itself (an unknown path, a wrong method or media type) as problems with their own status
 * and headers ({@code Allow} of a 405 stays), instead of the runtime's plain text. Not logged: the client's request
 * was wrong.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = status.getFamily() == Response.Status.Family.CLIENT_ERROR
                ? "the request cannot be served: " + status.getReasonPhrase().toLowerCase(Locale.ROOT)
                : "the server could not serve the request";
        Problem problem = Problem.of(status, detail);
        return Response.fromResponse(e.getResponse()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }
}
