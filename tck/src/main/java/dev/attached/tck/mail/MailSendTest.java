package dev.attached.tck.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceStatus;
import dev.attached.tck.Deployments;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;
import dev.attached.tck.support.Ports;
import dev.attached.tck.support.SmtpRelay;

/**
 * A Jakarta Mail {@code Session} is injected for an {@code smtp://user:pass@host:port} url (as a field, an
 * {@code Instance} and a {@code Provider}, all the same Session) and sends through that relay with those
 * credentials; {@code smtps://} urls are accepted too. Needs Jakarta Mail in the runtime.
 */
@ExtendWith(ArquillianExtension.class)
public class MailSendTest {

    static final String SECRET = "Mail-S3cret";
    @Deployment
    public static WebArchive deployment() {
        int port = Ports.free();
        return Deployments.archive(MailSendTest.class, Ports.entry("relay", port)
                + "attached.mailer.url=smtp://tck-user:" + SECRET + "@127.0.0.1:" + port + "\n"
                + "attached.secure-mailer.url=smtps://tck-user:" + SECRET + "@127.0.0.1:" + Ports.free()
                + "\nattached.secure-mailer.health.timeout=1s\n",
                Mailer.class);
    }

    @ApplicationScoped
    public static class Mailer {
        @Inject
        @AttachedResource("mailer")
        Session session;

        @Inject
        @AttachedResource("mailer")
        Instance<Session> instance;

        @Inject
        @AttachedResource("mailer")
        Provider<Session> provider;

        @Inject
        @AttachedResource("secure-mailer")
        Session secure;

        void send(Session through, String subject) throws Exception {
            MimeMessage message = new MimeMessage(through);
            message.setFrom(new InternetAddress("shop@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.com"));
            message.setSubject(subject);
            message.setText("Your lamp is on its way.");
            Transport.send(message);
        }

        Session session() {
            return session;
        }

        Session fromInstance() {
            return instance.get();
        }

        Session fromProvider() {
            return provider.get();
        }
    }

    @Inject
    Mailer mailer;

    @Inject
    AttachedResources resources;

    @Test
    public void sendsThroughTheConfiguredRelayWithItsCredentials() throws Exception {
        try (SmtpRelay relay = SmtpRelay.on(Ports.configured("relay"))) {
            mailer.send(mailer.session(), "field");
            mailer.send(mailer.fromInstance(), "instance");
            mailer.send(mailer.fromProvider(), "provider");
            List<SmtpRelay.Received> received = relay.received();
            assertEquals(3, received.size(), received.toString());
            for (SmtpRelay.Received message : received) {
                assertEquals("tck-user", message.user());
                assertEquals("shop@example.com", message.from());
                assertEquals(List.of("ada@example.com"), message.to());
            }
            assertSame(mailer.session(), mailer.fromInstance());
            assertSame(mailer.session(), mailer.fromProvider());

            Await.until(() -> Health.readiness().check("attached:mailer").up(),
                    () -> "the relay never turned ready: " + Health.readiness());
            HealthReport.Check check = Health.readiness().check("attached:mailer");
            assertEquals("mail", check.text("kind").orElseThrow());
            assertFalse(check.toString().contains(SECRET), check.toString());
        }
    }

    @Test
    public void smtpAndSmtpsUrlsAreMailResources() {
        for (String name : List.of("mailer", "secure-mailer")) {
            ResourceStatus status = resources.status(name);
            assertEquals("mail", status.kind(), status.toString());
            assertTrue(status.location().contains("127.0.0.1:"), status.toString());
            assertFalse(status.location().contains("tck-user") || status.location().contains(SECRET),
                    status.toString());
        }
        assertTrue(resources.status("secure-mailer").location().startsWith("smtps://"));
    }
}
