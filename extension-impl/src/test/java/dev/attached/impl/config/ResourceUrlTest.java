package dev.attached.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ResourceUrlTest {

    @Test
    void platformUrlGivesItsUserinfoAsCredentials() {
        ResourceUrl url = ResourceUrl.parse("postgres://app:s3cr%40t%3Ax+y@db.internal:5432/orders?sslmode=require");
        assertEquals("postgres", url.scheme());
        assertEquals("postgres://db.internal:5432/orders?sslmode=require", url.uri().toString());
        assertEquals(Optional.of("app"), url.username());
        assertEquals(Optional.of("s3cr@t:x+y"), url.password());
        assertEquals("postgres://db.internal:5432/orders", url.location());
    }

    @Test
    void jdbcUrlKeepsItsPrefixAndLosesItsUserinfo() {
        ResourceUrl url = ResourceUrl.parse("jdbc:postgresql://app:pw@localhost/test");
        assertEquals("jdbc:postgresql", url.scheme());
        assertEquals("jdbc:postgresql://localhost/test", url.uri().toString());
        assertEquals(Optional.of("pw"), url.password());
    }

    @Test
    void credentialsInTheQueryAreTakenOutToo() {
        ResourceUrl url = ResourceUrl.parse("jdbc:mariadb://localhost:3306/test?user=root&password=pw&useSsl=false");
        assertEquals("jdbc:mariadb://localhost:3306/test?useSsl=false", url.uri().toString());
        assertEquals(Optional.of("root"), url.username());
        assertEquals(Optional.of("pw"), url.password());
    }

    @Test
    void opaqueJdbcUrlsPassThroughAndShowNoOptions() {
        ResourceUrl url = ResourceUrl.parse("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1;PASSWORD=x");
        assertEquals("jdbc:h2", url.scheme());
        assertEquals("jdbc:h2:mem:orders", url.location());
        assertEquals("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1", url.text());
        assertEquals(Optional.of("x"), url.password()); // taken out, as from a query: H2 reads it from the URL too
    }

    @Test
    void mailUrls() {
        assertEquals("smtps://mail.example.com:465", ResourceUrl.parse("smtps://mail.example.com:465").location());
        assertEquals(Optional.of("apikey"), ResourceUrl.parse("smtp://apikey:k@relay:587").username());
    }

    @Test
    void malformedUrlsAreExplainedWithoutRepeatingThem() {
        assertEquals("is not a valid URL (illegal character in the opaque part at index 17)",
                assertThrows(IllegalArgumentException.class, () -> ResourceUrl.parse("localhost:5432/db x"))
                        .getMessage());
        assertEquals("is not a URL: it has no scheme (such as postgres:// or jdbc:h2:)",
                assertThrows(IllegalArgumentException.class, () -> ResourceUrl.parse("/var/db")).getMessage());
        assertEquals("is not a valid URL (illegal character in the host at index 14)",
                assertThrows(IllegalArgumentException.class, () -> ResourceUrl.parse("jdbc:mysql://h st/db"))
                        .getMessage());
    }

    @Test
    void secretsAreMaskedInFreeText() {
        assertEquals("failed for postgres://app:****@db/x (password=****)",
                Secrets.mask("failed for postgres://app:hunter2@db/x (password=hunter2)", null));
    }
}
