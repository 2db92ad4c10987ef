package dev.attached.sample;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body JSON-B cannot read (not JSON, or not an order's shape): 400 with the parser's reason, instead of the 500 the
 * runtime gives for it. Not logged: the client's request was wrong. Open Liberty hands the mapper JSON-B's exception
 * itself; RESTEasy (WildFly) wraps it, see {@link WrappedUnreadableBodyMapper}.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        return badBody(e);
    }

    static Response badBody(JsonbException e) {
        return Problem.of(Response.Status.BAD_REQUEST,
                "the body is not JSON an order can be read from: " + Redaction.oneLine(String.valueOf(e.getMessage())))
                .response();
    }
}
