package dev.attached.tck.mail;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceState;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.Ports;

/**
 * Removing a relay's url detaches it: a send fails fast with a {@code MessagingException} naming the resource and
 * the key to set.
 */
@ExtendWith(ArquillianExtension.class)
public class MailDetachTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.dynamic(Deployments.archive(MailDetachTest.class, "", Mailer.class),
                "attached.mailer.url=smtp://127.0.0.1:" + Ports.free() + "\n");
    }

    @ApplicationScoped
    public static class Mailer {
        @Inject
        @AttachedResource("mailer")
        Session session;

        void send() throws MessagingException {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("shop@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.com"));
            message.setText("hello");
            Transport.send(message);
        }
    }

    @Inject
    Mailer mailer;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void aDetachedRelayFailsFastNamingTheKey() {
        TckConfigSource.remove("attached.mailer.url");
        Await.until(() -> resources.status("mailer").state() == ResourceState.DETACHED,
                () -> "not detached: " + resources.status("mailer"));
        long start = System.nanoTime();
        MessagingException failure = assertThrows(MessagingException.class, mailer::send);
        // fast means without waiting for a connection: far below any connect or acquisition timeout, and far above
        // what a busy machine adds to a call that does not wait
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "a send to a detached relay must fail fast");
        String text = failure.toString() + failure.getNextException();
        assertTrue(text.contains("mailer"), text);
        assertTrue(text.contains("attached.mailer.url"), text);
    }
}
