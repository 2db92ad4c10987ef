package dev.attached.sample;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import dev.attached.AttachedResource;

/**
 * Quotes shipping through whatever API {@code attached.shipping-api.url} names: the sample's own stub by default
 * ({@link ShippingStub}), another provider after a swap, with no code change. Every failure of the API is a
 * {@link BackingServiceException} naming {@code shipping-api}, which the orders API answers with 503.
 */
@ApplicationScoped
public class ShippingQuotes {

    static final String RESOURCE = "shipping-api";

    /** Reaches the API attached at the moment of each call; a call in progress at a swap finishes where it began. */
    @Inject
    @AttachedResource(RESOURCE)
    ShippingClient shipping;

    /**
     * The quote of the attached shipping API for {@code parcel}.
     *
     * @throws BackingServiceException naming {@code shipping-api} when the API is detached or unreachable, answers
     *         with an error status, or answers without a quote
     */
    public ShippingClient.Quote quote(ShippingClient.Parcel parcel) {
        ShippingClient.Quote quote;
        try {
            quote = shipping.quote(parcel);
        } catch (WebApplicationException e) {
            // The API's own status (its 401, its 503) is not this service's: the caller gets a 503 naming the API.
            Response.StatusType status = e.getResponse().getStatusInfo();
            e.getResponse().close();
            throw new BackingServiceException(RESOURCE,
                    new IOException("POST quotes answered " + status.getStatusCode() + " " + status.getReasonPhrase()));
        } catch (ProcessingException e) {
            throw new BackingServiceException(RESOURCE, e); // detached, refused, timed out, or a body not a quote
        }
        if (quote == null || quote.carrier() == null || quote.currency() == null) {
            throw new BackingServiceException(RESOURCE, new IOException("POST quotes answered without a quote"));
        }
        return quote;
    }
}
