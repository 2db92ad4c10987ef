package dev.attached.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A stand-in for a shipping provider's API, served by the sample itself so that it runs with no outside service: the
 * default {@code attached.shipping-api.url} points here. The orders service reaches it as it would reach a provider,
 * over HTTP through its Rest Client and with a bearer token, which this stub checks against its own key
 * ({@code sample.shipping-stub.key}). Its fixed rule: 4.95 EUR plus 1.00 EUR per started kilogram, carrier
 * {@code stub}.
 * <p>
 * It sits under the one JAX-RS application of the sample ({@code /api/stub/shipping}): a second application would
 * serve every resource of the sample twice, since both would find them all.
 */
@Path("stub/shipping")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ShippingStub {

    static final String CARRIER = "stub";

    @Inject
    @ConfigProperty(name = "sample.shipping-stub.key")
    String key;

    @POST
    @Path("quotes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response quote(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ShippingClient.Parcel parcel) {
        if (!authorized(authorization)) {
            return unauthorized();
        }
        if (parcel == null || parcel.weightGrams() < 1) {
            return Problem.of(Response.Status.BAD_REQUEST, "weightGrams must be more than zero").response();
        }
        long startedKilograms = (parcel.weightGrams() + 999L) / 1000;
        return Response.ok(new ShippingClient.Quote(CARRIER, 495 + 100 * startedKilograms, "EUR")).build();
    }

    /** What the readiness probe asks ({@code attached.shipping-api.health.path}): 204 with the key, else 401. */
    @GET
    @Path("health")
    public Response health(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return authorized(authorization) ? Response.noContent().build() : unauthorized();
    }

    /** Compared in constant time, as a provider would. */
    private boolean authorized(String authorization) {
        return authorization != null && MessageDigest.isEqual(("Bearer " + key).getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8));
    }

    private static Response unauthorized() {
        Problem problem = Problem.of(Response.Status.UNAUTHORIZED, "a valid bearer token is required");
        return Response.fromResponse(problem.response()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
