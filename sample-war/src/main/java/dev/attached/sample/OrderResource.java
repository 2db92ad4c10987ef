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
 * Takes orders, lists the latest ones, and sends a confirmation again. A database or relay that fails is answered by
 * {@link BackingServiceFailureMapper}: 503 with a problem naming it.
 */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    /** What a client posts. */
    public record NewOrder(String item, String email) {
    }

    /** What a client gets back. */
    public record Placed(Order order, boolean confirmationSent) {
    }

    /** The latest orders and how many the current database holds. */
    public record Listing(long count, List<Order> latest) {
    }

    @Inject
    OrderRepository orders;

    @Inject
    ConfirmationMailer mailer;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(NewOrder order) {
        if (order == null || order.item() == null || order.item().isBlank()) {
            return Problem.of(Problem.INVALID_ORDER, "Invalid order", Response.Status.BAD_REQUEST,
                    "item is required").response();
        }
        Order placed = orders.create(order.item(), order.email());
        boolean sent = mailer.confirmIfAttached(placed);
        return Response.created(URI.create("orders/" + placed.id())).entity(new Placed(placed, sent)).build();
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
