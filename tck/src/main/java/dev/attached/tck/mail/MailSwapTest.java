package dev.attached.tck.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
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
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.Ports;
import dev.attached.tck.support.SmtpRelay;

/**
 * An injected {@code Session} field sends through the relay attached at the moment of each send: after a swap, the
 * same Session sends through the new relay with the new credentials.
 */
@ExtendWith(ArquillianExtension.class)
public class MailSwapTest {

    @Deployment
    public static WebArchive deployment() {
        int first = Ports.free();
        return Deployments.archive(MailSwapTest.class,
                Ports.entry("first", first) + "attached.mailer.url=smtp://first-user:first-pass@127.0.0.1:" + first
                        + "\n",
                Mailer.class);
    }

    @ApplicationScoped
    public static class Mailer {
        @Inject
        @AttachedResource("mailer")
        Session session;

        void send(String subject) throws Exception {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("shop@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.com"));
            message.setSubject(subject);
            message.setText(subject);
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
    public void theSameSessionSendsThroughTheRelayAttachedNow() throws Exception {
        try (SmtpRelay first = SmtpRelay.on(Ports.configured("first")); SmtpRelay second = SmtpRelay.on(Ports.free())) {
            mailer.send("before");
            TckConfigSource.set("attached.mailer.url", "smtp://second-user:second-pass@127.0.0.1:" + second.port());
            Await.until(() -> resources.status("mailer").generation() == 2,
                    () -> "no swap: " + resources.status("mailer"));
            mailer.send("after");

            assertEquals(1, first.received().size(), first.received().toString());
            assertEquals("first-user", first.received().get(0).user());
            assertEquals(1, second.received().size(), second.received().toString());
            assertEquals("second-user", second.received().get(0).user());
        }
    }
}
