package dev.attached.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.attached.ResourceHandle;

/** What a failure's message becomes before it goes into a problem and a log line. */
class RedactionTest {

    static final String CANARY = "c@nary/p%ss word";

    @Test
    void theResourcesPasswordIsMaskedRawAndPercentEncoded() {
        Redaction redaction = withPassword(CANARY);
        String redacted = redaction.redact("orders-db",
                "login failed with " + CANARY + " (sent as c%40nary%2Fp%25ss+word)");
        assertFalse(redacted.contains("nary"), redacted);
        assertEquals("login failed with **** (sent as ****)", redacted);
    }

    @Test
    void theShippingApisBearerTokenIsMasked() {
        Redaction redaction = withPassword(null);
        redaction.shippingApi = new Handle(null, CANARY);
        assertEquals("sent **** and ****", redaction.redact("shipping-api", "sent " + CANARY + " and "
                + "c%40nary%2Fp%25ss+word"));
        assertEquals("token " + CANARY, redaction.redact("orders-db", "token " + CANARY), "another resource's is not");
    }

    @Test
    void anythingShapedLikeACredentialIsMasked() {
        String redacted = withPassword(null).redact("orders-db",
                "cannot reach postgres://app:hunter2@db:5432/orders?password=hunter3;pwd=hunter4");
        assertFalse(redacted.contains("hunter"), redacted);
        assertEquals("cannot reach postgres://app:****@db:5432/orders?password=****;pwd=****", redacted);
    }

    @Test
    void aMessageOfManyLinesOrControlCharactersBecomesOneLine() {
        assertEquals("ERROR: relation missing Position: 15 forged", Redaction.oneLine(
                "ERROR: relation missing\n  Position: 15\r\n\u2028forged\u0000"));
    }

    @Test
    void aLongMessageIsCut() {
        String line = Redaction.oneLine("x".repeat(1_000_000));
        assertEquals(Redaction.MAX_LENGTH + 3, line.length());
        assertTrue(line.endsWith("..."));
    }

    @Test
    void aResourceWithoutAHandleOrADetachedOneStillGetsTheGeneralMasking() {
        Redaction redaction = withPassword(CANARY);
        redaction.mailer = new Handle(null) {
            @Override
            public Optional<String> password() {
                throw new IllegalStateException("ATTACHED-106: resource 'mailer' is detached");
            }
        };
        assertEquals("smtp://u:****@relay", redaction.redact("mailer", "smtp://u:secret@relay"));
        assertEquals("password=****", redaction.redact("geo-api", "password=secret"));
    }

    private static Redaction withPassword(String password) {
        Redaction redaction = new Redaction();
        redaction.ordersDb = new Handle(password);
        redaction.mailer = new Handle(null);
        redaction.shippingApi = new Handle(null);
        return redaction;
    }

    /** A resource's handle as Attached gives it, with only a password and a bearer token. */
    static class Handle implements ResourceHandle {

        private final String password;
        private final String bearerToken;

        Handle(String password) {
            this(password, null);
        }

        Handle(String password, String bearerToken) {
            this.password = password;
            this.bearerToken = bearerToken;
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public URI uri() {
            return URI.create("test://host");
        }

        @Override
        public Optional<String> username() {
            return Optional.empty();
        }

        @Override
        public Optional<String> password() {
            return Optional.ofNullable(password);
        }

        @Override
        public Optional<String> property(String key) {
            return "bearer-token".equals(key) ? Optional.ofNullable(bearerToken) : Optional.empty();
        }
    }
}
