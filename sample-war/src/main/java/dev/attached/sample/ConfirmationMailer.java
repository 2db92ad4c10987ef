package dev.attached.sample;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceState;

/**
 * Sends order confirmations through the relay {@code attached.mailer.url} names. The mailer is optional: with no
 * relay attached, orders are still taken and no confirmation is sent; it can be sent again once one is.
 */
@ApplicationScoped
public class ConfirmationMailer {

    static final String RESOURCE = "mailer";

    private static final Logger LOG = Logger.getLogger(ConfirmationMailer.class.getName());

    /** Sends through whichever relay is attached at the moment of each send. */
    @Inject
    @AttachedResource(RESOURCE)
    Session mail;

    @Inject
    AttachedResources resources;

    @Inject
    Redaction redaction;

    /**
     * Confirms a new order if a relay is attached. The order is stored by then, so a relay that fails does not fail
     * the order: it is logged on one line and the confirmation can be sent again.
     *
     * @return whether a confirmation was sent
     */
    public boolean confirmIfAttached(Order order) {
        if (order.email() == null || resources.status(RESOURCE).state() == ResourceState.DETACHED) {
            LOG.fine(() -> "No confirmation for order " + order.id() + ": no address or no relay attached");
            return false;
        }
        try {
            send(order);
            return true;
        } catch (BackingServiceException e) {
            LOG.warning(() -> "Order " + order.id() + " taken, its confirmation not sent: " + RESOURCE
                    + " is unavailable: " + redaction.redact(RESOURCE, e.getCause().getMessage()));
            return false;
        }
    }

    /**
     * Sends the confirmation of an order now, whatever the relay's state.
     *
     * @throws BackingServiceException naming {@code mailer} when the relay is detached or the send fails
     */
    public void send(Order order) {
        try {
            MimeMessage message = new MimeMessage(mail);
            message.setFrom(); // attached.mailer.from
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(order.email()));
            message.setSubject("Order " + order.id() + " confirmed");
            message.setText("We have your order for " + order.item() + ".");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new BackingServiceException(RESOURCE, e);
        }
    }
}
