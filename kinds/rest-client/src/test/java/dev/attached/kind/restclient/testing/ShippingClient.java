package dev.attached.kind.restclient.testing;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A Rest Client interface as applications write them: {@code @RegisterRestClient}, JSON in and out. */
@RegisterRestClient
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ShippingClient {

    @GET
    @Path("/quotes/{id}")
    Quote quote(@PathParam("id") String id);

    @POST
    @Path("/quotes")
    Quote quote(Parcel parcel);

    /** Answered once the server releases it. */
    @GET
    @Path("/slow/{id}")
    Quote slowQuote(@PathParam("id") String id);

    /** Answered once the server releases it; returns at once. */
    @GET
    @Path("/slow/{id}")
    CompletionStage<Quote> slowQuoteAsync(@PathParam("id") String id);

    @GET
    @Path("/ping")
    @Produces(MediaType.TEXT_PLAIN)
    String ping();

    /** The client this call reached, as the implementation built it (a default method runs on the client). */
    default ShippingClient self() {
        return this;
    }
}
