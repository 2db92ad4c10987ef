package dev.attached.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * URL forms as providers and docker-compose files give them. The credentials are found without {@code java.net.URI}
 * (which gives up on underscores, several hosts, a raw {@code @} or {@code #}), and what is shown never holds them.
 */
class UrlFormsTest {

    private static final String SECRET = "canary-Pw-7f3a9Qx";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // url | location | username | password
            "jdbc:postgresql://app:SECRET@orders_db:5432/orders | jdbc:postgresql://orders_db:5432/orders | app | SECRET",
            "postgres://app:SECRET@orders_db/x | postgres://orders_db/x | app | SECRET",
            "jdbc:mysql://app:SECRET@db1,db2/orders | jdbc:mysql://db1,db2/orders | app | SECRET",
            "jdbc:mariadb://app:SECRET@db1:3306,db2:3307/orders | jdbc:mariadb://db1:3306,db2:3307/orders | app | SECRET",
            "jdbc:mariadb:sequential://app:SECRET@db1,db2/orders | jdbc:mariadb:sequential://db1,db2/orders | app | SECRET",
            "jdbc:postgresql://app:x@SECRET@db:5432/orders | jdbc:postgresql://db:5432/orders | app | x@SECRET",
            "jdbc:postgresql://app:x#SECRET@db/orders | jdbc:postgresql://db/orders | app | x#SECRET",
            "postgres://app:x?SECRET@db/orders | postgres://db/orders | app | x?SECRET",
            "postgres://app:x@y#SECRET?@db/orders?sslmode=require | postgres://db/orders | app | x@y#SECRET?",
            "postgres://app:x/SECRET@db/orders | postgres://db/orders | app | x/SECRET",
            "postgres://app:x%2FSECRET@db/orders | postgres://db/orders | app | x/SECRET",
            "postgres://app:50%SECRET@db/orders | postgres://db/orders | app | 50%SECRET",
            "postgres://app:SECRET@[::1]:5432/orders | postgres://[::1]:5432/orders | app | SECRET",
            "jdbc:oracle:thin:scott/SECRET@//db:1521/orcl | jdbc:oracle:thin:@//db:1521/orcl | scott | SECRET",
            "jdbc:oracle:thin:scott/\"x@SECRET\"@db:1521:orcl | jdbc:oracle:thin:@db:1521:orcl | scott | x@SECRET",
            "jdbc:sqlserver://db:1433;databaseName=orders;user=sa;password=SECRET | jdbc:sqlserver://db:1433 | sa | SECRET",
            "jdbc:sqlserver://db;password={x;SECRET};user=sa | jdbc:sqlserver://db | sa | x;SECRET",
            "jdbc:h2:tcp://localhost/~/test;USER=sa;PASSWORD=SECRET | jdbc:h2:tcp://localhost/~/test | sa | SECRET",
            "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1;PASSWORD=SECRET | jdbc:h2:mem:orders | | SECRET",
            "jdbc:postgresql://db/orders?user=app&password=SECRET&sslmode=require | jdbc:postgresql://db/orders | app | SECRET",
            "smtp://apikey:SECRET@smtp_relay:587 | smtp://smtp_relay:587 | apikey | SECRET",
            "https://key:SECRET@api.example.com/v2/@me | https://api.example.com/v2/@me | key | SECRET",
    })
    void credentialsAreFoundAndNeverShown(String form, String location, String username, String password) {
        String url = form.replace("SECRET", SECRET);
        ResourceUrl parsed = ResourceUrl.parse(url);
        assertEquals(location, parsed.location());
        assertEquals(Optional.ofNullable(username), parsed.username());
        assertEquals(Optional.of(password.replace("SECRET", SECRET)), parsed.password());
        assertFalse(parsed.uri().toString().contains(SECRET), parsed.uri().toString());
        assertFalse(parsed.text().contains(SECRET), parsed.text());
        assertFalse(parsed.location().contains(SECRET), parsed.location());
    }

    @Test
    void theLocatorKeepsEverythingButTheCredentials() {
        ResourceUrl url = ResourceUrl
                .parse("jdbc:sqlserver://db:1433;databaseName=orders;user=sa;password=pw;encrypt=true");
        assertEquals("jdbc:sqlserver://db:1433;databaseName=orders;encrypt=true", url.text());
        assertEquals("db", url.host());
        assertEquals(1433, url.port());
        assertEquals("orders_db", ResourceUrl.parse("postgres://a:b@orders_db/x").host());
        assertEquals(-1, ResourceUrl.parse("postgres://a:b@orders_db/x").port());
        assertEquals("::1", ResourceUrl.parse("postgres://[::1]:5433/x").host());
        assertEquals(5433, ResourceUrl.parse("postgres://[::1]:5433/x").port());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // url | host | port (0: none written)
            "https://key:SECRET@api_gateway:8443/v2 | api_gateway | 8443",
            "amqp://guest:SECRET@rabbit_mq/orders | rabbit_mq | 0",
            "jdbc:mysql://app:SECRET@db1,db2/orders | db1 | 0",
            "redis://:SECRET@[::1]:6380/0 | ::1 | 6380",
            "jdbc:oracle:thin:scott/SECRET@//db:1521/orcl | db | 1521",
    })
    void kindsFindTheHostWhereJavaNetUriFindsNone(String form, String host, int port) {
        Handle handle = HandleReaderTestSupport.handle("api", form.replace("SECRET", SECRET));
        assertEquals(Optional.of(host), handle.host());
        assertEquals(port == 0 ? OptionalInt.empty() : OptionalInt.of(port), handle.port());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "smtp://relay:99999 | has a port out of range (1 to 65535) at index 13",
            "smtp://relay:0 | has a port out of range (1 to 65535) at index 13",
            "postgres://db:99999/orders | has a port out of range (1 to 65535) at index 14",
            "postgres://db:-1/orders | has a port that is not a number at index 14",
            "postgres://app:SECRET/orders | has a port that is not a number at index 15",
            "postgres://::1:5432/orders | has an IPv6 address without brackets: write it as [::1]:5432",
            "postgres://[::1/orders | has a malformed IPv6 address at index 11",
            "postgres://:5432/orders | has no host name before index 11",
            "postgres://db1,,db2/orders | has no host name before index 15",
            "postgres://db host/orders | is not a valid URL (illegal character in the host at index 13)",
            "postgres://db/ord ers | is not a valid URL (illegal character in the path at index 17)",
            "localhost:5432/db x | is not a valid URL (illegal character in the opaque part at index 17)",
            "/var/db | is not a URL: it has no scheme (such as postgres:// or jdbc:h2:)",
            "jdbc: | is not a URL: it names no JDBC subprotocol (such as jdbc:postgresql:)",
    })
    void malformedUrlsAreExplainedWithoutRepeatingThem(String url, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceUrl.parse(url.replace("SECRET", SECRET)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void controlCharactersAndHugeValuesAreRefused() {
        assertEquals("contains a control character at index 13",
                assertThrows(IllegalArgumentException.class, () -> ResourceUrl.parse("postgres://db\u0000/x"))
                        .getMessage());
        assertEquals("is longer than 8192 characters", assertThrows(IllegalArgumentException.class,
                () -> ResourceUrl.parse("postgres://db/" + "x".repeat(1 << 20))).getMessage());
    }

    @Test
    void maskingHidesTheValueNotTheWord() {
        Handle handle = HandleReaderTestSupport.handle("orders-db", "postgres://app:s3cr3t-value@db/x");
        String mariadb = "(conn=12) Access denied for user 'app'@'10.0.0.1' (using password: YES)";
        assertEquals(mariadb, Secrets.mask(mariadb, handle));
        assertEquals("login failed: ****", Secrets.mask("login failed: s3cr3t-value", handle));
        assertEquals("connect jdbc:oracle:thin:scott/****@//db:1521/x",
                Secrets.mask("connect jdbc:oracle:thin:scott/tiger@//db:1521/x", null));
        assertEquals("x;password=****;y", Secrets.mask("x;password={a;b};y", null));
        assertEquals("postgres://app:****@db/x", Secrets.mask("postgres://app:p@ss@db/x", null));
        assertTrue(Secrets.mask("url jdbc:sqlserver://db;trustStorePassword=abc;x", null).contains("=****;x"));
    }
}
