package dev.attached.sample;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The shipping API the orders service asks for a quote, as a MicroProfile Rest Client interface. Attached builds its
 * client ({@code @Inject @AttachedResource("shipping-api") ShippingClient}) against the base URI
 * {@code attached.shipping-api.url} names, with the bearer token {@code attached.shipping-api.bearer-token}.
 * <p>
 * Not {@code @RegisterRestClient}: Attached builds the clients, and the annotation would only make the server's Rest
 * Client extension register a second bean, configured by {@code mp-rest} keys, that nothing uses. The method's
 * {@code @POST} is what marks it as a Rest Client interface; there is no {@code @Path} on the type, so the server's
 * JAX-RS runtime never takes it for a resource of the sample's own.
 */
public interface ShippingClient {

    /** What is shipped, and where. */
    record Parcel(String destination, int weightGrams) {
    }

    /** The price of shipping a parcel, and who would carry it. */
    record Quote(String carrier, long priceCents, String currency) {
    }

    /** {@code POST <base>/quotes}: the price of shipping {@code parcel}. */
    @POST
    @Path("quotes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Quote quote(Parcel parcel);
}
