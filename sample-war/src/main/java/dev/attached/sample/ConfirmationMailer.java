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
 * relay attached, orders are still taken and no confirmation is sent.
 */
@ApplicationScoped
public class ConfirmationMailer {

    private static final Logger LOG = Logger.getLogger(ConfirmationMailer.class.getName());

    /** Sends through whichever relay is attached at the moment of each send. */
    @Inject
    @AttachedResource("mailer")
    Session mail;

    @Inject
    AttachedResources resources;

    /** @return whether a confirmation was sent */
    public boolean confirm(Order order) throws MessagingException {
        if (order.email() == null || resources.status("mailer").state() == ResourceState.DETACHED) {
            LOG.fine(() -> "No confirmation for order " + order.id() + ": no address or no relay attached");
            return false;
        }
        MimeMessage message = new MimeMessage(mail);
        message.setFrom(); // attached.mailer.from
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(order.email()));
        message.setSubject("Order " + order.id() + " confirmed");
        message.setText("We have your order for " + order.item() + ".");
        Transport.send(message);
        return true;
    }
}
