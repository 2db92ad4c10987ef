package dev.attached.impl.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.attached.impl.testing.AioSmtpd;
import dev.attached.impl.testing.MachineServices;
import dev.attached.impl.testing.TestApp;

/** STARTTLS against a relay that offers it and requires it (aiosmtpd; CI installs it, so it runs in ci-services). */
@EnabledIfSystemProperty(named = MachineServices.ENABLED_PROPERTY, matches = "true")
class StartTlsTest {

    @TempDir
    static Path dir;
    static AioSmtpd relay;

    @BeforeAll
    static void startRelay() throws Exception {
        relay = new AioSmtpd(dir);
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    TestApp app(String starttls) {
        return TestApp.with("attached.mailer.url", "smtp://127.0.0.1:" + relay.port(),
                "attached.mailer.starttls", starttls, "attached.mailer.trust", "127.0.0.1",
                "attached.mailer.from", "shop@example.com").beans(MailTest.Mailer.class).start();
    }

    @Test
    void requiredStartTlsUpgradesAndDelivers() throws Exception {
        try (TestApp app = app("required")) {
            assertEquals("UP", app.check("mailer").getString("status"), app.check("mailer").toString());
            app.select(MailTest.Mailer.class).send("sent over STARTTLS");
            // the relay refuses MAIL FROM before STARTTLS: a delivered message went over TLS
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.output().contains("Subject: sent over STARTTLS"));
        }
    }

    @Test
    void opportunisticStartTlsUpgradesWhenOffered() throws Exception {
        try (TestApp app = app("opportunistic")) {
            app.select(MailTest.Mailer.class).send("upgraded when offered");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> relay.output().contains("Subject: upgraded when offered"));
        }
    }

    @Test
    void withStartTlsOffTheRelayRefusesTheMessage() throws Exception {
        try (TestApp app = app("off")) {
            MessagingException e = assertThrows(MessagingException.class,
                    () -> app.select(MailTest.Mailer.class).send("never sent"));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
        }
    }
}
