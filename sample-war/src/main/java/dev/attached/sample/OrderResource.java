package dev.attached.sample;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Takes orders and lists the latest ones. */
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
    public Response place(NewOrder order) throws SQLException, MessagingException {
        if (order == null || order.item() == null || order.item().isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).entity("{\"error\":\"item is required\"}").build();
        }
        Order placed = orders.create(order.item(), order.email());
        boolean sent = mailer.confirm(placed);
        return Response.created(URI.create("orders/" + placed.id())).entity(new Placed(placed, sent)).build();
    }

    @GET
    public Listing latest(@QueryParam("limit") Integer limit) throws SQLException {
        return new Listing(orders.count(), orders.latest(limit == null ? 10 : Math.min(limit, 100)));
    }
}
