package dev.attached.sample;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Takes orders with a shipping quote, lists the latest ones, and sends a confirmation again. A database, shipping API
 * or relay that fails is answered by {@link BackingServiceFailureMapper}: 503 with a problem naming it.
 */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    /** What a client posts; where it goes and what it weighs are optional. */
    public record NewOrder(String item, String email, String destination, Integer weightGrams) {
    }

    /** What a client gets back: the order, the shipping quote it was taken with, and whether it was confirmed. */
    public record Placed(Order order, ShippingClient.Quote shipping, boolean confirmationSent) {
    }

    /** The latest orders and how many the current database holds. */
    public record Listing(long count, List<Order> latest) {
    }

    static final String DEFAULT_DESTINATION = "domestic";
    static final int DEFAULT_WEIGHT_GRAMS = 1000;
    static final int MAX_WEIGHT_GRAMS = 50_000;

    @Inject
    OrderRepository orders;

    @Inject
    ShippingQuotes shipping;

    @Inject
    ConfirmationMailer mailer;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(NewOrder order) {
        if (order == null || order.item() == null || order.item().isBlank()) {
            return Problem.of(Problem.INVALID_ORDER, "Invalid order", Response.Status.BAD_REQUEST,
                    "item is required").response();
        }
        int weight = order.weightGrams() == null ? DEFAULT_WEIGHT_GRAMS : order.weightGrams();
        if (weight < 1 || weight > MAX_WEIGHT_GRAMS) {
            return Problem.of(Problem.INVALID_ORDER, "Invalid order", Response.Status.BAD_REQUEST,
                    "weightGrams must be between 1 and " + MAX_WEIGHT_GRAMS).response();
        }
        String destination = order.destination() == null || order.destination().isBlank()
                ? DEFAULT_DESTINATION
                : order.destination();
        // Quoted before it is stored: an order the shipping API cannot quote is not taken.
        ShippingClient.Quote quote = shipping.quote(new ShippingClient.Parcel(destination, weight));
        Order placed = orders.create(order.item(), order.email());
        boolean sent = mailer.confirmIfAttached(placed);
        return Response.created(URI.create("orders/" + placed.id())).entity(new Placed(placed, quote, sent)).build();
    }

    @GET
    public Listing latest(@QueryParam("limit") Integer limit) {
        return new Listing(orders.count(), orders.latest(limit == null ? 10 : Math.max(1, Math.min(limit, 100))));
    }

    /** Sends an order's confirmation through the relay attached now: 204, or 503 naming the mailer. */
    @POST
    @Path("{id}/confirmation")
    public Response confirm(@PathParam("id") long id) {
        Order order = orders.find(id).orElse(null);
        if (order == null) {
            return Problem.of(Problem.UNKNOWN_ORDER, "No such order", Response.Status.NOT_FOUND,
                    "the database attached now has no order " + id).response();
        }
        if (order.email() == null) {
            return Problem.of(Problem.INVALID_ORDER, "Invalid order", Response.Status.CONFLICT,
                    "order " + id + " has no email address to confirm to").response();
        }
        mailer.send(order);
        return Response.noContent().build();
    }
}
