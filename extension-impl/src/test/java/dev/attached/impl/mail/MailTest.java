package dev.attached.impl.mail;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import dev.attached.AttachedResource;
import dev.attached.ResourceState;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.SilentServer;
import dev.attached.impl.testing.TestApp;

/** The mail kind against real SMTP servers (GreenMail) over sockets. */
class MailTest {

    static final String USER = "orders";

    private final List<GreenMail> servers = new ArrayList<>();

    /** Application code: sends through whatever relay is attached now. */
    @Dependent
    public static class Mailer {
        @Inject
        @AttachedResource("mailer")
        Instance<Session> mail;

        public void send(String subject) throws MessagingException {
            MimeMessage message = new MimeMessage(mail.get());
            message.setFrom(); // the configured default sender
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("customer@example.com"));
            message.setSubject(subject);
            message.setText("Your order is confirmed.");
            Transport.send(message);
        }
    }

    /** Application code with a plain Session field, which follows swaps too. */
    @Dependent
    public static class FieldMailer {
        @Inject
        @AttachedResource("mailer")
        Session session;

        MimeMessage message(String subject) throws MessagingException {
            MimeMessage message = new MimeMessage(session);
            message.setFrom();
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("customer@example.com"));
            message.setSubject(subject);
            message.setText("Your order is confirmed.");
            return message;
        }
    }

    /** The README's pattern: one Instance in a long-lived bean, get() per message. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class LongLivedMailer {
        @Inject
        @AttachedResource("mailer")
        Instance<Session> mail;

        Instance<Session> mail() {
            return mail;
        }
    }

    GreenMail start(ServerSetup setup, boolean auth) {
        GreenMailConfiguration configuration = GreenMailConfiguration.aConfig().withUser(USER, Canary.PASSWORD);
        ServerSetup dynamic = setup.dynamicPort();
        dynamic.setServerStartupTimeout(30_000); // SMTPS makes a key pair first: slow on a loaded 2-core CI machine
        GreenMail server = new GreenMail(dynamic)
                .withConfiguration(auth ? configuration : configuration.withDisabledAuthentication());
        server.start();
        servers.add(server);
        return server;
    }

    @AfterEach
    void stopServers() {
        servers.forEach(GreenMail::stop);
    }

    static int port(GreenMail server) {
        return server.getSmtp() != null ? server.getSmtp().getPort() : server.getSmtps().getPort();
    }

    static TestApp app(String... config) {
        return TestApp.with("attached.mailer.from", "shop@example.com", "attached.mailer.health.timeout", "2s")
                .config(config).beans(Mailer.class).start();
    }

    @Test
    void aSessionFieldFollowsSwapsAndASendInProgressFinishesOnTheOldRelay() throws Exception {
        GreenMail a = start(ServerSetupTest.SMTP, false);
        GreenMail b = start(ServerSetupTest.SMTP, false);
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with("attached.mailer.url", "smtp://127.0.0.1:" + port(a),
                        "attached.mailer.from", "shop@example.com").beans(FieldMailer.class).start()) {
            FieldMailer mailer = app.select(FieldMailer.class);
            Transport inProgress = mailer.session.getTransport();
            inProgress.connect(); // a send under way: connected to relay A

            app.config().set("attached.mailer.url", "smtp://127.0.0.1:" + port(b));
            assertEquals(2, app.resources().refresh("mailer").generation());
            Transport.send(mailer.message("after the swap")); // the same Session field, the new relay
            assertTrue(b.waitForIncomingEmail(5000, 1));

            MimeMessage late = mailer.message("in progress");
            inProgress.sendMessage(late, late.getAllRecipients());
            assertFalse(log.contains("ATTACHED-104: mailer generation 1"), "A drains only once the send is done");
            inProgress.close();
            assertTrue(a.waitForIncomingEmail(5000, 1));
            assertEquals("in progress", a.getReceivedMessages()[0].getSubject());
            assertEquals("after the swap", b.getReceivedMessages()[0].getSubject());
            assertEquals(1, a.getReceivedMessages().length);
            await().atMost(5, SECONDS).until(() -> log.contains("ATTACHED-104: mailer generation 1"));
        }
    }

    @Test
    void instanceGetOfASessionRetainsNothingPerCall() throws Exception {
        try (TestApp app = TestApp.with("attached.mailer.optional", "true").beans(LongLivedMailer.class).start()) {
            Instance<Session> mail = app.select(LongLivedMailer.class).mail();
            Session first = mail.get();
            long before = usedHeapAfterGc();
            for (int i = 0; i < 200_000; i++) {
                if (mail.get() != first) {
                    throw new AssertionError("get() returned another Session");
                }
            }
            long grown = usedHeapAfterGc() - before;
            // Tracked per call, 200,000 calls retained about 40 MB; nothing is tracked now.
            assertTrue(grown < 8_000_000, "retained " + grown + " bytes after 200,000 get() calls");
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void plainSmtpWithAuthentication() throws Exception {
        GreenMail relay = start(ServerSetupTest.SMTP, true);
        try (TestApp app = app("attached.mailer.url", "smtp://" + USER + ":" + Canary.PASSWORD + "@127.0.0.1:"
                + port(relay))) {
            app.select(Mailer.class).send("order 1");
            assertTrue(relay.waitForIncomingEmail(5000, 1));
            MimeMessage received = relay.getReceivedMessages()[0];
            assertEquals("order 1", received.getSubject());
            assertEquals("shop@example.com", ((InternetAddress) received.getFrom()[0]).getAddress());
            JsonObject check = app.check("mailer");
            assertEquals("UP", check.getString("status"), check.toString());
            assertEquals("mail", check.getJsonObject("data").getString("kind"));
            assertEquals("smtp://127.0.0.1:" + port(relay), check.getJsonObject("data").getString("location"));
        }
    }

    @Test
    void smtpsWithASelfSignedCertificateNeedsTheTrustSetting() throws Exception {
        GreenMail relay = start(ServerSetupTest.SMTPS, true);
        String url = "smtps://" + USER + ":" + Canary.PASSWORD + "@127.0.0.1:" + port(relay);
        try (TestApp untrusting = app("attached.mailer.url", url)) {
            JsonObject check = untrusting.check("mailer");
            assertEquals("DOWN", check.getString("status"));
            assertTrue(check.getJsonObject("data").getString("error").contains("certification path"),
                    check.toString());
        }
        try (TestApp trusting = app("attached.mailer.url", url, "attached.mailer.trust", "127.0.0.1")) {
            assertEquals("UP", trusting.check("mailer").getString("status"));
            trusting.select(Mailer.class).send("over TLS");
            assertTrue(relay.waitForIncomingEmail(5000, 1));
        }
    }

    @Test
    void requiredStartTlsRefusesARelayThatCannotUpgrade() throws Exception {
        GreenMail relay = start(ServerSetupTest.SMTP, true); // GreenMail offers no STARTTLS
        String url = "smtp://" + USER + ":" + Canary.PASSWORD + "@127.0.0.1:" + port(relay);
        try (TestApp app = app("attached.mailer.url", url, "attached.mailer.starttls", "required")) {
            JsonObject check = app.check("mailer");
            assertEquals("DOWN", check.getString("status"));
            assertTrue(check.getJsonObject("data").getString("error").contains("STARTTLS"), check.toString());
            MessagingException e = assertThrows(MessagingException.class,
                    () -> app.select(Mailer.class).send("never in the clear"));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
            assertEquals(0, relay.getReceivedMessages().length);
        }
        try (TestApp app = app("attached.mailer.url", url, "attached.mailer.starttls", "opportunistic")) {
            app.select(Mailer.class).send("in the clear, as allowed");
            assertTrue(relay.waitForIncomingEmail(5000, 1));
        }
    }

    @Test
    void aWrongPasswordIsDownMaskedAndSendingFailsClearly() throws Exception {
        GreenMail relay = start(ServerSetupTest.SMTP, true);
        String wrong = "wrong-" + Canary.PASSWORD;
        try (LogCapture log = new LogCapture();
                TestApp app = app("attached.mailer.url",
                        "smtp://" + USER + ":" + wrong + "@127.0.0.1:" + port(relay))) {
            JsonObject check = app.check("mailer");
            assertEquals("DOWN", check.getString("status"));
            assertTrue(check.getJsonObject("data").getString("error").startsWith("AuthenticationFailedException"),
                    check.toString());
            MessagingException e = assertThrows(MessagingException.class, () -> app.select(Mailer.class).send("x"));
            assertTrue(e.getClass().getSimpleName().equals("AuthenticationFailedException"), e.toString());
            String seen = check.toString() + e.getMessage() + log.text() + app.resources().status("mailer");
            assertFalse(seen.contains(Canary.PASSWORD), seen);
        }
    }

    @Test
    void aRelayThatNeverGreetsIsDownWithinTheTimeout() throws Exception {
        try (SilentServer silent = new SilentServer();
                TestApp app = app("attached.mailer.url", "smtp://127.0.0.1:" + silent.port(),
                        "attached.mailer.health.timeout", "1s")) {
            long start = System.nanoTime();
            JsonObject check = app.check("mailer");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("DOWN", check.getString("status"));
            assertEquals("no answer within 1s", check.getJsonObject("data").getString("error"));
            assertTrue(millis < 3000, "readiness took " + millis + " ms");
        }
    }

    @Test
    void aDetachedMailerFailsFastWithAMessagingException() throws Exception {
        try (TestApp app = app("attached.mailer.optional", "true")) {
            assertEquals(ResourceState.DETACHED, app.resources().status("mailer").state());
            MessagingException e = assertThrows(MessagingException.class, () -> app.select(Mailer.class).send("x"));
            assertEquals("ATTACHED-106: resource 'mailer' is detached: set attached.mailer.url to attach it",
                    e.getMessage());
        }
    }

    @Test
    void aMailUrlForADataSourceOrAnHttpUrlForAMailerIsRejected() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> app("attached.mailer.url", "https://mail.example.com").close());
        assertTrue(e.getMessage().contains("ATTACHED-012: attached.mailer.url: scheme 'https' does not fit a mail "
                + "Session (use smtp:// or smtps://) (kind mail)"), e.getMessage());
        RuntimeException bad = assertThrows(RuntimeException.class, () -> app("attached.mailer.url",
                "smtp://relay:25", "attached.mailer.starttls", "always", "attached.mailer.from", "not an address")
                .close());
        assertTrue(bad.getMessage().contains("ATTACHED-012: attached.mailer.starttls: 'always' is not one of "
                + "opportunistic, required, off (kind mail)"), bad.getMessage());
        assertTrue(bad.getMessage().contains("ATTACHED-012: attached.mailer.from: 'not an address' is not an e-mail "
                + "address (kind mail)"), bad.getMessage());
    }

    @Test
    void swapALocalRelayForAnAuthenticatedTlsRelayWhileSending() throws Exception {
        GreenMail local = start(ServerSetupTest.SMTP, false);
        GreenMail provider = start(ServerSetupTest.SMTPS, true);
        try (TestApp app = app("attached.mailer.url", "smtp://127.0.0.1:" + port(local))) {
            Mailer mailer = app.select(Mailer.class);
            List<String> sent = new CopyOnWriteArrayList<>();
            List<Exception> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sender = new Thread(() -> {
                for (int i = 0; running.get() && i < 5000; i++) {
                    try {
                        mailer.send("order " + i);
                        sent.add("order " + i);
                    } catch (MessagingException | RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
            sender.start();
            await().atMost(10, SECONDS).until(() -> sent.size() >= 20);
            app.config().setAll(Map.of("attached.mailer.url", "smtps://127.0.0.1:" + port(provider),
                    "attached.mailer.username", USER, "attached.mailer.password", Canary.PASSWORD,
                    "attached.mailer.trust", "127.0.0.1"));
            assertEquals(2, app.resources().refresh("mailer").generation());
            int atSwap = sent.size();
            await().atMost(10, SECONDS).until(() -> sent.size() >= atSwap + 20);
            running.set(false);
            sender.join();

            assertEquals(List.of(), failures);
            List<String> received = new ArrayList<>();
            for (GreenMail server : List.of(local, provider)) {
                for (MimeMessage m : server.getReceivedMessages()) {
                    received.add(m.getSubject());
                }
            }
            assertEquals(sent.size(), received.size(), "every message received exactly once");
            assertEquals(new HashSet<>(sent), new HashSet<>(received));
            assertTrue(provider.getReceivedMessages().length >= 20, "messages after the swap reach the provider");
            Set<String> onLocal = new HashSet<>();
            Arrays.stream(local.getReceivedMessages()).forEach(m -> {
                try {
                    onLocal.add(m.getSubject());
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(onLocal.size() >= 20);
            System.out.printf("mail swap: %d sent, %d via the local relay, %d via the TLS relay, 0 lost%n",
                    sent.size(), onLocal.size(), provider.getReceivedMessages().length);
        }
    }
}
