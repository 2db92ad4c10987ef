package dev.attached.impl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which driver properties a pasted JDBC or {@code DATABASE_URL} may set. A URL comes from a provider's console, a
 * ticket or a chat: it should say where the database is, which one, and who connects; the properties drivers read
 * from it go further (PostgreSQL's {@code socketFactory} instantiates a class, MariaDB's
 * {@code allowLoadLocalInfile} lets the server read local files, MySQL's {@code autoDeserialize} deserializes, H2's
 * {@code INIT} runs a script from anywhere). So a URL may carry only the options listed here per driver, the ones
 * providers put in the URLs they hand out (TLS, schema, application name, timeouts, failover); any other is refused
 * and is set on purpose as {@code attached.<name>.jdbc.<property>}, where nobody sets it by pasting. Names are
 * compared ignoring case and percent-encoding.
 */
public final class JdbcUrlOptions {

    private static final Set<String> POSTGRESQL = lower("sslmode", "ssl", "sslNegotiation", "sslrootcert",
            "channelBinding", "channel_binding", "gssEncMode", "currentSchema", "ApplicationName", "applicationName",
            "connectTimeout", "socketTimeout", "loginTimeout", "cancelSignalTimeout", "tcpKeepAlive", "tcpNoDelay",
            "targetServerType", "loadBalanceHosts", "hostRecheckSeconds", "readOnly", "readOnlyMode",
            "prepareThreshold", "preparedStatementCacheQueries", "preparedStatementCacheSizeMiB",
            "reWriteBatchedInserts", "binaryTransfer", "stringtype", "defaultRowFetchSize", "assumeMinServerVersion",
            "escapeSyntaxCallMode", "autosave", "cleanupSavepoints", "preferQueryMode", "adaptiveFetch",
            "quoteReturningIdentifiers", "unknownLength", "gssResponseTimeout", "sslResponseTimeout");

    private static final Set<String> MARIADB_MYSQL = lower("sslMode", "useSsl", "useSSL", "requireSSL",
            "verifyServerCertificate", "trustServerCertificate", "enabledSslProtocolSuites",
            "enabledSslCipherSuites", "allowPublicKeyRetrieval", "connectTimeout", "socketTimeout", "tcpKeepAlive",
            "tcpNoDelay", "characterEncoding", "useUnicode", "connectionCollation", "serverTimezone",
            "connectionTimeZone", "forceConnectionTimeZoneToSession", "useAffectedRows", "rewriteBatchedStatements",
            "useServerPrepStmts", "useBulkStmts", "cachePrepStmts", "prepStmtCacheSize", "zeroDateTimeBehavior",
            "tinyInt1isBit", "transformedBitIsBoolean", "yearIsDateType", "useCompression", "permitMysqlScheme",
            "defaultFetchSize", "assureReadOnly", "autoReconnect", "failOverReadOnly", "retriesAllDown",
            "transactionReplay", "galeraAllowedState", "restrictedAuth", "sslHostnameVerification");

    private static final Set<String> SQLSERVER = lower("databaseName", "database", "encrypt",
            "trustServerCertificate", "hostNameInCertificate", "applicationName", "applicationIntent", "loginTimeout",
            "socketTimeout", "queryTimeout", "lockTimeout", "instanceName", "portNumber", "multiSubnetFailover",
            "sendStringParametersAsUnicode", "authentication", "packetSize", "responseBuffering", "selectMethod",
            "workstationID", "failoverPartner", "TransparentNetworkIPResolution", "disableStatementPooling",
            "statementPoolingCacheSize", "integratedSecurity");

    private static final Set<String> H2 = lower("DB_CLOSE_DELAY", "DB_CLOSE_ON_EXIT", "MODE", "IFEXISTS",
            "AUTO_SERVER", "AUTO_SERVER_PORT", "AUTO_RECONNECT", "CASE_INSENSITIVE_IDENTIFIERS", "DATABASE_TO_UPPER",
            "DATABASE_TO_LOWER", "NON_KEYWORDS", "DEFAULT_NULL_ORDERING", "LOCK_TIMEOUT", "LOCK_MODE",
            "ACCESS_MODE_DATA", "FILE_LOCK", "SCHEMA", "MV_STORE", "CACHE_SIZE", "MAX_COMPACT_TIME", "IGNORECASE",
            "WRITE_DELAY", "QUERY_TIMEOUT", "MAX_MEMORY_ROWS", "OLD_INFORMATION_SCHEMA", "DEFRAG_ALWAYS",
            "TRACE_LEVEL_SYSTEM_OUT", "TIME ZONE");

    private static final Set<String> ORACLE = lower("connect_timeout", "transport_connect_timeout", "retry_count",
            "retry_delay", "ssl_server_dn_match", "ssl_server_cert_dn");

    private static final Map<String, Set<String>> BY_SUBPROTOCOL = Map.of(
            "jdbc:postgresql", POSTGRESQL,
            "jdbc:mariadb", MARIADB_MYSQL,
            "jdbc:mysql", MARIADB_MYSQL,
            "jdbc:sqlserver", SQLSERVER,
            "jdbc:h2", H2,
            "jdbc:oracle", ORACLE);

    private JdbcUrlOptions() {
    }

    /** The options a URL for {@code subprotocol} may set; empty for a driver Attached does not know. */
    public static Set<String> allowed(String subprotocol) {
        return BY_SUBPROTOCOL.getOrDefault(subprotocol, Set.of());
    }

    /**
     * The problems of the options a URL sets, each naming the property and the key to set it on purpose.
     *
     * @param name the resource, for the key in the message
     */
    public static List<String> problems(String name, String subprotocol, List<ResourceUrl.Option> options) {
        Set<String> allowed = allowed(subprotocol);
        List<String> problems = new ArrayList<>();
        for (ResourceUrl.Option option : options) {
            String key = ResourceUrl.decode(option.key());
            if (!allowed.contains(key.toLowerCase(Locale.ROOT))) {
                String shown = KeyReader.quote(key);
                problems.add(Handle.URL + ": the URL sets driver property " + shown + ", which a URL may not set; to "
                        + "set it on purpose, use attached." + name + ".jdbc." + shown.substring(1, shown.length() - 1)
                        + (allowed.isEmpty()
                                ? " (Attached knows no options of " + subprotocol + " that a URL may carry)"
                                : ""));
            }
        }
        return problems;
    }

    private static Set<String> lower(String... names) {
        return Stream.of(names).map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Driver properties as their drivers spell them, for names an environment variable has upper-cased: the options
     * above and those usually set on purpose ({@code attached.<name>.jdbc.sslcert}).
     */
    private static final List<String> SPELLINGS = List.of("sslmode", "ssl", "sslNegotiation", "sslrootcert",
            "sslcert", "sslkey", "sslpassword", "channelBinding", "gssEncMode", "currentSchema", "ApplicationName",
            "connectTimeout", "socketTimeout", "loginTimeout", "cancelSignalTimeout", "tcpKeepAlive", "tcpNoDelay",
            "targetServerType", "loadBalanceHosts", "hostRecheckSeconds", "readOnly", "readOnlyMode",
            "prepareThreshold", "preparedStatementCacheQueries", "preparedStatementCacheSizeMiB",
            "reWriteBatchedInserts", "binaryTransfer", "stringtype", "defaultRowFetchSize", "assumeMinServerVersion",
            "escapeSyntaxCallMode", "autosave", "cleanupSavepoints", "preferQueryMode", "adaptiveFetch", "options",
            "sslMode", "useSsl", "trustServerCertificate", "serverSslCert", "keyStore", "keyStorePassword",
            "trustStore", "trustStorePassword", "enabledSslProtocolSuites", "allowPublicKeyRetrieval",
            "characterEncoding", "serverTimezone", "connectionTimeZone", "rewriteBatchedStatements",
            "useServerPrepStmts", "cachePrepStmts", "prepStmtCacheSize", "zeroDateTimeBehavior", "tinyInt1isBit",
            "useCompression", "permitMysqlScheme", "sessionVariables", "databaseName", "encrypt",
            "hostNameInCertificate", "applicationName", "applicationIntent", "multiSubnetFailover", "authentication",
            "DB_CLOSE_DELAY", "DB_CLOSE_ON_EXIT", "MODE", "IFEXISTS", "AUTO_SERVER", "DATABASE_TO_UPPER",
            "DATABASE_TO_LOWER", "CASE_INSENSITIVE_IDENTIFIERS", "NON_KEYWORDS", "LOCK_TIMEOUT", "SCHEMA",
            "oracle.net.CONNECT_TIMEOUT");

    /** The driver property an environment variable's upper-cased name stands for, if Attached knows its spelling. */
    public static Optional<String> spelling(String environmentName) {
        return SPELLINGS.stream().filter(p -> KeyNames.environmentForm(p).equals(environmentName)).findFirst();
    }
}
