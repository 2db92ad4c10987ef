package dev.attached.sample;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

/**
 * RESTEasy reports a body JSON-B cannot read as a {@link ProcessingException} around JSON-B's exception: the same 400
 * as {@link UnreadableBodyMapper}. Any other processing failure is the application's, for the catch-all mapper.
 */
@Provider
public class WrappedUnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Context
    Providers providers;

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException unreadable) {
                return UnreadableBodyMapper.badBody(unreadable);
            }
        }
        return providers.getExceptionMapper(Exception.class).toResponse(e);
    }
}
