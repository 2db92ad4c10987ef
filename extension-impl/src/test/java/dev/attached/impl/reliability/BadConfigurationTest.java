package dev.attached.impl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.mail.Session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.TestApp;

/**
 * Bad configuration, tried as a new user and as an attacker would write it, for every key and URL form of the
 * README: at deployment (the deployment fails, listing the problem with its message id and the right key, no raw
 * exception as the only explanation, no secret anywhere) and again at swap time (the swap fails the same way and the
 * serving resource is undisturbed). Every base configuration holds the canary password. Outcomes are written to
 * {@code target/reliability/bad-configuration.md}.
 */
class BadConfigurationTest {

    static final String DB = "orders-db";
    static final String MAIL = "mailer";
    static final String API = "geo-api";
    static final String CANARY = Canary.PASSWORD;
    static final String MEGABYTE = "x".repeat(1 << 20);

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /**
     * One bad value.
     *
     * @param expected a fragment of the problem: its message id and key, and what is wrong
     * @param atSwap whether the same value is tried at swap time too (a blank url detaches on purpose there)
     */
    record Case(String id, String resource, String key, String value, String expected, boolean atSwap) {
        @Override
        public String toString() {
            return id;
        }
    }

    static final List<Case> CASES = new ArrayList<>();

    private static void add(String id, String resource, String key, String value, String expected) {
        CASES.add(new Case(id, resource, key, value, expected, !key.startsWith("attached.")));
    }

    private static void deployOnly(String id, String resource, String key, String value, String expected) {
        CASES.add(new Case(id, resource, key, value, expected, false));
    }

    static {
        String url = "ATTACHED-011: attached.orders-db.url ";
        String kind = "ATTACHED-012: attached.orders-db.";
        // url: blank, unknown schemes, no scheme, no host
        deployOnly("url-empty", DB, "url", "", "ATTACHED-010: attached.orders-db.url is missing");
        deployOnly("url-spaces", DB, "url", "   ", "ATTACHED-010: attached.orders-db.url is missing");
        deployOnly("url-tab-newline", DB, "url", "\t\n", "ATTACHED-010: attached.orders-db.url is missing");
        add("url-scheme-ftp", DB, "url", "ftp://db/x", kind + "url: scheme 'ftp' does not fit a DataSource");
        add("url-scheme-smtp", DB, "url", "smtp://db:25", kind + "url: scheme 'smtp' does not fit a DataSource");
        add("url-scheme-https", DB, "url", "https://db/x", kind + "url: scheme 'https' does not fit a DataSource");
        add("url-host-as-scheme", DB, "url", "db.example.com:5432/orders",
                kind + "url: scheme 'db.example.com' does not fit a DataSource");
        add("url-no-scheme-path", DB, "url", "/var/db", url + "is not a URL: it has no scheme");
        add("url-no-scheme-at", DB, "url", "app:" + CANARY + "@db/orders",
                kind + "url: scheme 'app' does not fit a DataSource");
        add("url-jdbc-bare", DB, "url", "jdbc:", url + "is not a URL: it names no JDBC subprotocol");
        add("url-jdbc-unknown-driver", DB, "url", "jdbc:nosuchdb://db/x",
                kind + "url: no JDBC driver on the class path accepts jdbc:nosuchdb URLs");
        add("url-oracle-no-driver", DB, "url", "jdbc:oracle:thin:scott/" + CANARY + "@//db:1521/orcl",
                kind + "url: no JDBC driver on the class path accepts jdbc:oracle URLs");
        add("url-sqlserver-no-driver", DB, "url", "jdbc:sqlserver://db;user=sa;password=" + CANARY,
                kind + "url: no JDBC driver on the class path accepts jdbc:sqlserver URLs");
        add("url-platform-no-host", DB, "url", "postgres://", kind + "url: a postgres:// URL needs a host");
        add("url-platform-no-host-path", DB, "url", "postgres:///orders", kind + "url: a postgres:// URL needs a host");
        add("url-empty-host-port", DB, "url", "postgres://:5432/x", url + "has no host name before index 11");
        add("url-empty-host-in-list", DB, "url", "postgres://db1,,db2/x", url + "has no host name before index 15");
        // ports
        add("port-0", DB, "url", "postgres://db:0/x", url + "has a port out of range (1 to 65535)");
        add("port-65536", DB, "url", "postgres://db:65536/x", url + "has a port out of range (1 to 65535)");
        add("port-99999", DB, "url", "postgres://db:99999/x", url + "has a port out of range (1 to 65535)");
        add("port-huge", DB, "url", "postgres://db:99999999999999999999/x", url + "has a port out of range");
        add("port-negative", DB, "url", "postgres://db:-1/x", url + "has a port that is not a number");
        add("port-letters", DB, "url", "postgres://db:5432x/x", url + "has a port that is not a number");
        add("port-empty", DB, "url", "postgres://db:/x", url + "has a port that is not a number");
        add("port-secret-without-host", DB, "url", "postgres://app:" + CANARY + "/orders",
                url + "has a port that is not a number");
        // IPv6
        add("ipv6-no-brackets", DB, "url", "postgres://::1/x", url + "has an IPv6 address without brackets");
        add("ipv6-no-brackets-port", DB, "url", "postgres://fe80::1:5432/x",
                url + "has an IPv6 address without brackets");
        add("ipv6-unclosed", DB, "url", "postgres://[::1/x", url + "has a malformed IPv6 address");
        add("ipv6-not-hex", DB, "url", "postgres://[zz::1]/x", url + "has a malformed IPv6 address");
        add("ipv6-junk-after", DB, "url", "postgres://[::1]x/x",
                url + "is not a valid URL (illegal character in the host");
        // characters
        add("host-space", DB, "url", "postgres://db host/x", url + "is not a valid URL (illegal character in the host");
        add("host-space-after-secret", DB, "url", "postgres://app:" + CANARY + "@db host/x",
                url + "is not a valid URL (illegal character in the host");
        add("host-unicode", DB, "url", "postgres://d\u00e9b/x",
                url + "is not a valid URL (illegal character in the host");
        add("host-emoji", DB, "url", "postgres://db\uD83D\uDE00/x",
                url + "is not a valid URL (illegal character in the host");
        add("path-space", DB, "url", "postgres://db/or ders",
                url + "is not a valid URL (illegal character in the path");
        add("query-space", DB, "url", "postgres://db/x?sslmode=re quire",
                url + "is not a valid URL (illegal character in the query");
        add("nul-in-url", DB, "url", "postgres://db\u0000/x", url + "contains a control character at index 13");
        add("newline-in-url", DB, "url", "postgres://db\n/x", url + "contains a control character at index 13");
        add("escape-in-url", DB, "url", "postgres://db/x\u001b[2J", url + "contains a control character");
        add("nul-in-password", DB, "url", "postgres://app:" + CANARY + "\u0000@db/x",
                url + "contains a control character");
        add("megabyte-url", DB, "url", "postgres://db/" + MEGABYTE, url + "is longer than 8192 characters");
        add("megabyte-secret-url", DB, "url", "postgres://app:" + CANARY + MEGABYTE + "@db/x",
                url + "is longer than 8192 characters");
        // what a URL may set
        add("url-socketFactory", DB, "url", "postgres://app:" + CANARY + "@db/x?socketFactory=java.lang.Object",
                kind + "url: the URL sets driver property 'socketFactory'");
        add("url-sslfactory", DB, "url", "postgres://db/x?sslfactory=x",
                kind + "url: the URL sets driver property 'sslfactory'");
        add("url-loggerFile", DB, "url", "postgres://db/x?loggerFile=/tmp/x",
                kind + "url: the URL sets driver property 'loggerFile'");
        add("url-sslpassword", DB, "url", "postgres://db/x?sslpassword=" + CANARY,
                kind + "url: the URL sets driver property 'sslpassword'");
        add("url-h2-init", DB, "url", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://127.0.0.1:1/x.sql'",
                kind + "url: the URL sets driver property 'INIT'");
        add("url-mariadb-local-infile", DB, "url", "mariadb://db/x?allowLoadLocalInfile=true",
                kind + "url: the URL sets driver property 'allowLoadLocalInfile'");
        add("url-mysql-deserialize", DB, "url", "mysql://db/x?autoDeserialize=true",
                kind + "url: the URL sets driver property 'autoDeserialize'");
        add("url-address-credentials", DB, "url", "jdbc:mysql://address=(host=db)(password=" + CANARY + ")/x",
                url + "has a user or password inside address=(...)");
        add("url-encoded-property-name", DB, "url", "postgres://db/x?socket%46actory=x",
                kind + "url: the URL sets driver property 'socketFactory'");
        // pool keys
        add("max-size-0", DB, "pool.max-size", "0", kind + "pool.max-size: must be at least 1");
        add("max-size-negative", DB, "pool.max-size", "-1", kind + "pool.max-size: '-1' is not a whole number");
        add("max-size-words", DB, "pool.max-size", "many", kind + "pool.max-size: 'many' is not a whole number");
        add("max-size-overflow", DB, "pool.max-size", "99999999999", kind + "pool.max-size: '99999999999' is not");
        add("max-size-fraction", DB, "pool.max-size", "2.5", kind + "pool.max-size: '2.5' is not a whole number");
        add("max-size-megabyte", DB, "pool.max-size", MEGABYTE,
                kind + "pool.max-size: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' (cut, 1048576 characters)");
        add("min-size-above-max", DB, "pool.min-size", "30", kind + "pool.max-size: 20 is below pool.min-size");
        add("initial-size-negative", DB, "pool.initial-size", "-3", kind + "pool.initial-size: '-3' is not");
        add("initial-size-above-max", DB, "pool.initial-size", "50", kind + "pool.max-size: 20 is below");
        add("acquisition-zero", DB, "pool.acquisition-timeout", "0",
                kind + "pool.acquisition-timeout: must be more than 0");
        add("acquisition-negative", DB, "pool.acquisition-timeout", "PT-5S",
                kind + "pool.acquisition-timeout: must be more than 0");
        add("acquisition-overflow", DB, "pool.acquisition-timeout", "9999999999999999h",
                kind + "pool.acquisition-timeout: must be at most 24h");
        add("acquisition-words", DB, "pool.acquisition-timeout", "5 seconds",
                kind + "pool.acquisition-timeout: '5 seconds' is not a duration");
        add("idle-timeout-negative", DB, "pool.idle-timeout", "-1s",
                kind + "pool.idle-timeout: '-1s' is not a duration");
        add("idle-timeout-too-long", DB, "pool.idle-timeout", "25h", kind + "pool.idle-timeout: must be at most 24h");
        add("max-lifetime-negative", DB, "pool.max-lifetime", "PT-1S",
                kind + "pool.max-lifetime: must not be negative");
        add("idle-validation-words", DB, "pool.idle-validation", "soon", kind + "pool.idle-validation: 'soon' is not");
        add("validation-interval-exponent", DB, "pool.validation-interval", "1e3s",
                kind + "pool.validation-interval: '1e3s' is not a duration");
        add("leak-timeout-unicode", DB, "pool.leak-timeout", "\u221e", kind + "pool.leak-timeout: '\u221e' is not");
        add("connect-timeout-zero", DB, "connect-timeout", "0", kind + "connect-timeout: must be more than 0");
        add("connect-timeout-negative", DB, "connect-timeout", "PT-1S", kind + "connect-timeout: must be more than 0");
        add("connect-timeout-overflow", DB, "connect-timeout", "100000h",
                kind + "connect-timeout: must be at most 24h");
        add("driver-not-a-driver", DB, "driver", "java.lang.String",
                kind + "driver: class java.lang.String is not a java.sql.Driver");
        add("driver-interface", DB, "driver", "java.sql.Driver",
                kind + "driver: class java.sql.Driver cannot be instantiated");
        add("driver-wrong-database", DB, "driver", "org.postgresql.Driver",
                kind + "driver: org.postgresql.Driver does not accept jdbc:h2 URLs");
        add("driver-missing", DB, "driver", "no.such.Driver", kind + "driver: class no.such.Driver is not on the");
        add("driver-control-character", DB, "driver", "org.h2.Driver\u0000",
                kind + "driver: class org.h2.Driver\\u0000 is not on the application's class path");
        // common keys
        String common = "ATTACHED-013: attached.orders-db.";
        add("health-timeout-zero", DB, "health.timeout", "0", common + "health.timeout must be more than 0");
        add("health-timeout-too-long", DB, "health.timeout", "2h", common + "health.timeout must be at most 1h");
        add("health-timeout-negative", DB, "health.timeout", "PT-2S", common + "health.timeout must be more than 0");
        add("health-timeout-overflow", DB, "health.timeout", "9999999999999999h",
                common + "health.timeout must be at most 1h");
        add("health-timeout-iso-overflow", DB, "health.timeout", "PT9999999999999999H",
                common + "health.timeout must be at most 1h");
        add("health-timeout-words", DB, "health.timeout", "soon", common + "health.timeout 'soon' is not a duration");
        add("health-enabled-yes", DB, "health.enabled", "yes", common + "health.enabled 'yes' is not true or false");
        add("health-enabled-one", DB, "health.enabled", "1", common + "health.enabled '1' is not true or false");
        add("optional-maybe", DB, "optional", "maybe", common + "optional 'maybe' is not true or false");
        add("drain-timeout-zero", DB, "drain-timeout", "0", common + "drain-timeout must be more than 0");
        add("drain-timeout-too-long", DB, "drain-timeout", "48h", common + "drain-timeout must be at most 24h");
        add("drain-timeout-negative", DB, "drain-timeout", "-5s", common + "drain-timeout '-5s' is not a duration");
        add("drain-timeout-nul", DB, "drain-timeout", "PT5S\u0000",
                common + "drain-timeout 'PT5S\\u0000' is not a duration");
        add("expression-to-nowhere", DB, "health.timeout", "${no.such.key}",
                common + "health.timeout could not be read: its value holds an expression that cannot be expanded");
        add("expression-to-nowhere-password", DB, "password", "${vault.orders-password}",
                common + "password could not be read: its value holds an expression that cannot be expanded");
        add("password-broken-expression", DB, "password", "p${" + CANARY,
                common + "password could not be read: its value holds an expression that cannot be expanded");
        add("url-broken-expression", DB, "url", "postgres://app:" + CANARY + "@db/${x",
                "ATTACHED-013: attached.orders-db.url could not be read: its value holds an expression");
        // global
        add("settle-words", DB, "attached.change-settle", "soon", "ATTACHED-014: attached.change-settle 'soon' is not");
        add("settle-negative", DB, "attached.change-settle", "PT-1S",
                "ATTACHED-014: attached.change-settle must not be");
        add("settle-too-long", DB, "attached.change-settle", "25h",
                "ATTACHED-014: attached.change-settle must be at most");
        // mail
        String mailUrl = "ATTACHED-011: attached.mailer.url ";
        String mail = "ATTACHED-012: attached.mailer.";
        add("mail-port-99999", MAIL, "url", "smtp://relay:99999", mailUrl + "has a port out of range (1 to 65535)");
        add("mail-port-0", MAIL, "url", "smtp://relay:0", mailUrl + "has a port out of range (1 to 65535)");
        add("mail-port-negative", MAIL, "url", "smtps://relay:-465", mailUrl + "has a port that is not a number");
        add("mail-no-host", MAIL, "url", "smtp://", mail + "url: an SMTP URL needs a host");
        add("mail-ipv6-unclosed", MAIL, "url", "smtp://[::1", mailUrl + "has a malformed IPv6 address");
        add("mail-scheme-http", MAIL, "url", "http://relay", mail + "url: scheme 'http' does not fit a mail Session");
        add("mail-scheme-postgres", MAIL, "url", "postgres://relay", mail + "url: scheme 'postgres' does not fit");
        add("mail-secret-without-host", MAIL, "url", "smtp://apikey:" + CANARY,
                mailUrl + "has a port that is not a number");
        add("mail-timeout-negative", MAIL, "timeout", "PT-5S", mail + "timeout: must be more than 0");
        add("mail-timeout-zero", MAIL, "timeout", "0", mail + "timeout: must be more than 0");
        add("mail-connect-timeout-zero", MAIL, "connect-timeout", "0", mail + "connect-timeout: must be more than 0");
        add("mail-connect-timeout-overflow", MAIL, "connect-timeout", "9999999999999999h",
                mail + "connect-timeout: must be at most 24h");
        add("mail-starttls", MAIL, "starttls", "sometimes", mail + "starttls: 'sometimes' is not one of");
        add("mail-from", MAIL, "from", "not an address", mail + "from: 'not an address' is not an e-mail address");
        add("mail-from-nul", MAIL, "from", "a@b\u0000.c", mail + "from: 'a@b\\u0000.c' is not an e-mail address");
        // handle
        String apiUrl = "ATTACHED-011: attached.geo-api.url ";
        add("handle-port-0", API, "url", "https://api.example.com:0/v1", apiUrl + "has a port out of range");
        add("handle-ipv6-unclosed", API, "url", "https://[::1/v1", apiUrl + "has a malformed IPv6 address");
        add("handle-words", API, "url", "not a url", apiUrl + "is not a URL: it has no scheme");
        add("handle-space-in-opaque", API, "url", "urn:not a url",
                apiUrl + "is not a valid URL (illegal character in the opaque part");
        add("handle-megabyte", API, "url", "https://api.example.com/" + MEGABYTE, apiUrl + "is longer than 8192");
        add("handle-health-timeout", API, "health.timeout", "9999999999999999h",
                "ATTACHED-013: attached.geo-api.health.timeout must be at most 1h");
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    static Stream<Case> swapCases() {
        return CASES.stream().filter(Case::atSwap);
    }

    @Dependent
    public static class Db {
        @Inject
        @AttachedResource(DB)
        DataSource db;
    }

    @Dependent
    public static class Mailer {
        @Inject
        @AttachedResource(MAIL)
        Session mail;
    }

    @Dependent
    public static class Api {
        @Inject
        @AttachedResource(API)
        ResourceHandle api;
    }

    /** A configuration that works, holding the canary, for the case's resource. */
    static Map<String, String> base(String resource) {
        Map<String, String> config = new LinkedHashMap<>();
        switch (resource) {
            case DB -> {
                config.put("attached.orders-db.url", "jdbc:h2:mem:matrix-" + DATABASES.incrementAndGet());
                config.put("attached.orders-db.username", "sa");
                config.put("attached.orders-db.password", CANARY);
            }
            case MAIL -> config.put("attached.mailer.url", "smtp://apikey:" + CANARY + "@127.0.0.1:1");
            default -> config.put("attached.geo-api.url", "https://key:" + CANARY + "@127.0.0.1:1/v1");
        }
        return config;
    }

    static String fullKey(Case c) {
        return c.key().startsWith("attached.") ? c.key() : "attached." + c.resource() + "." + c.key();
    }

    static TestApp.Builder app(String resource, Map<String, String> config) {
        TestApp.Builder builder = TestApp.with();
        config.forEach(builder::config);
        return builder.beans(switch (resource) {
            case DB -> Db.class;
            case MAIL -> Mailer.class;
            default -> Api.class;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void atDeployment(Case c) {
        assumeMail(c);
        Map<String, String> config = base(c.resource());
        config.put(fullKey(c), c.value());
        RuntimeException e = assertThrows(RuntimeException.class, () -> app(c.resource(), config).start().close());
        String message = e.getMessage();
        List<String> problems = problems(message);
        String matching = problems.stream().filter(p -> p.contains(c.expected())).findFirst()
                .orElseThrow(() -> new AssertionError("no problem says " + c.expected() + " in " + message));
        assertTrue(problems.stream().allMatch(p -> p.startsWith("ATTACHED-0")), problems::toString);
        assertFalse(message.contains(CANARY), message);
        assertTrue(message.length() < 20_000, "the message is " + message.length() + " characters long");
        Report.row("bad-configuration-deployment", "| case | key | value | problem reported at deployment |",
                c.id(), fullKey(c), shown(c.value()), matching);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("swapCases")
    void atSwapTime(Case c) throws Exception {
        assumeMail(c);
        try (LogCapture log = new LogCapture(); TestApp app = app(c.resource(), base(c.resource())).start()) {
            ResourceStatus before = app.resources().status(c.resource());
            app.config().set(fullKey(c), c.value());
            ResourceStatus after = app.resources().refresh(c.resource());

            assertEquals(ResourceState.ATTACHED, after.state());
            assertEquals(before.generation(), after.generation());
            assertEquals(before.location(), after.location());
            String error = after.lastError().orElseThrow(() -> new AssertionError("no error reported: " + after));
            assertTrue(error.contains(c.expected()), error);
            assertTrue(error.startsWith("ATTACHED-0"), error);
            serving(app, c.resource());
            String seen = after + " " + app.readiness() + " " + log.text();
            assertFalse(seen.contains(CANARY), seen);
            assertTrue(log.contains("ATTACHED-103: " + c.resource() + " could not swap"), log.text());
            Report.row("bad-configuration-swap", "| case | key | value | swap failure reported; generation kept |",
                    c.id(), fullKey(c), shown(c.value()), error + "; generation " + after.generation());
        }
    }

    /** The mail cases need Jakarta Mail, which one of the build's test runs leaves out on purpose. */
    private static void assumeMail(Case c) {
        assumeFalse(MAIL.equals(c.resource()) && Boolean.getBoolean("attached.without-mail"));
    }

    /** The serving resource answers as before. */
    private static void serving(TestApp app, String resource) throws Exception {
        switch (resource) {
            case DB -> {
                try (Connection c = app.select(Db.class).db.getConnection();
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
            }
            case MAIL -> assertEquals(ResourceState.ATTACHED, app.resources().status(MAIL).state());
            default -> assertEquals("https://127.0.0.1:1/v1", app.select(Api.class).api.uri().toString());
        }
    }

    @Test
    void thereAreAtLeastEightyCasesAtDeploymentAndAtSwapTime() {
        assertTrue(CASES.size() >= 80, "cases at deployment: " + CASES.size());
        assertTrue(swapCases().count() >= 80, "cases at swap time: " + swapCases().count());
    }

    /** The problems a failed deployment lists, one per line, as Weld reports them. */
    static List<String> problems(String message) {
        List<String> problems = new ArrayList<>();
        Matcher m = Pattern.compile("(?:DeploymentException|DefinitionException): (.*)").matcher(message);
        while (m.find()) {
            problems.add(m.group(1));
        }
        if (problems.isEmpty()) {
            problems.add(message);
        }
        return problems;
    }

    static String shown(String value) {
        String shown = value.replace(CANARY, "«canary»");
        return shown.length() > 80 ? shown.substring(0, 60) + "… (" + value.length() + " characters)" : shown;
    }
}
