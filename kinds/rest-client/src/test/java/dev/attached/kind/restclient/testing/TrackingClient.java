package dev.attached.kind.restclient.testing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A Rest Client interface without {@code @RegisterRestClient}: only Jakarta REST annotations. */
@Path("/tracking")
public interface TrackingClient {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Tracking track(@PathParam("id") String id);
}
