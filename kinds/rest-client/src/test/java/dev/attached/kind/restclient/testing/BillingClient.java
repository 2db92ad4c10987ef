package dev.attached.kind.restclient.testing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A Rest Client interface with only method annotations, that extends {@code AutoCloseable} as some applications'
 * do to close their clients.
 */
public interface BillingClient extends AutoCloseable {

    @GET
    @Path("/quotes/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Quote invoiceQuote(@PathParam("id") String id);

    @Override
    void close();
}
