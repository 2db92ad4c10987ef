package dev.attached.impl.config;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A configured locator split into what may be shown and what may not. It is read by hand, not by
 * {@code java.net.URI}, because the URLs users paste are often not URIs: a docker-compose host with an underscore
 * ({@code orders_db}), several hosts ({@code db1,db2}), a raw {@code @} or {@code #} in a password, Oracle's
 * {@code scott/tiger@//db:1521/orcl}, SQL Server's {@code ;password=...}. The credentials are taken out before
 * anything else is looked at, so whatever is shown of the rest ({@link #location()}, {@link #uri()}, messages) can
 * never hold them:
 * <ul>
 * <li>{@code scheme://user:password@host...}: the userinfo ends at the last {@code @} that is followed by a host
 * list; so {@code @ # ? : %} may be written raw in a password, a {@code /} only where the text before it is no host
 * (percent-encode it otherwise, {@code %2F}). A {@code %} not followed by two hex digits is taken literally.</li>
 * <li>{@code ?user=...&password=...} and {@code ;user=...;password=...} (SQL Server, H2) are taken out of the URL.</li>
 * <li>{@code jdbc:oracle:thin:user/password@...}: everything before the last {@code @} outside double quotes.</li>
 * </ul>
 */
public final class ResourceUrl {

    /** Longer values are refused: no locator is that long, and it keeps every message and log line small. */
    static final int MAX_LENGTH = 8192;

    private static final String JDBC = "jdbc:";
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    /** {@code postgresql:} or {@code mariadb:sequential:} before the {@code //} of a JDBC URL. */
    private static final Pattern JDBC_PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9+._-]*:)*");
    private static final Pattern ORACLE = Pattern.compile("(?i)oracle:[a-z0-9]+:");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
    /** What may follow the {@code @} that ends a userinfo: a host list, before its path, query or options. */
    private static final Pattern HOSTS_LIKE = Pattern.compile("[A-Za-z0-9_.~\\-\\[\\]:,()=]*");
    private static final Pattern ADDRESS_PAIR = Pattern.compile("\\(([^=()]+)=([^()]*)\\)");
    private static final Set<String> USER_KEYS = Set.of("user", "username");
    private static final Set<String> PASSWORD_KEYS = Set.of("password", "pwd");
    /** Schemes whose paths may well hold an {@code @} (https://host/users/@me); elsewhere an @ ends a userinfo. */
    private static final Set<String> WEB_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp");

    /** An option the URL itself sets, from its query ({@code ?sslmode=require}) or {@code ;key=value} list. */
    public record Option(String key, String value) {
    }

    private final String scheme;
    private final String text;
    private final String location;
    private final String host;
    private final int port;
    private final List<Option> options;
    private final Optional<String> username;
    private final Optional<String> password;
    private final URI uri;

    private ResourceUrl(Parser p) {
        this.scheme = p.scheme;
        this.text = p.text.toString();
        this.location = p.location;
        this.host = p.host;
        this.port = p.port;
        this.options = List.copyOf(p.options);
        this.username = Optional.ofNullable(p.user).filter(u -> !u.isEmpty());
        this.password = Optional.ofNullable(p.password);
        this.uri = toUri(text, p.scheme);
    }

    /**
     * Parses a locator.
     *
     * @throws IllegalArgumentException with a message that never repeats the input (it may hold a password)
     */
    public static ResourceUrl parse(String raw) {
        String text = raw.strip();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        int offset = raw.length() - raw.stripLeading().length();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("contains a control character at index " + (i + offset));
            }
        }
        Parser p = new Parser(text);
        if (text.regionMatches(true, 0, JDBC, 0, JDBC.length())) {
            p.jdbc();
        } else {
            p.other();
        }
        return new ResourceUrl(p);
    }

    /** The locator without credentials, as given to a driver: JDBC URLs keep their {@code jdbc:} prefix. */
    public String text() {
        return text;
    }

    /** The locator without credentials as a URI; characters a URI may not hold are percent-encoded. */
    public URI uri() {
        return uri;
    }

    /** The lowercase scheme; {@code jdbc:postgresql} for JDBC URLs. */
    public String scheme() {
        return scheme;
    }

    /** The first host, without brackets for IPv6; null when the URL names none. */
    public String host() {
        return host;
    }

    /** The first host's port; -1 when none is written. */
    public int port() {
        return port;
    }

    /** The options the URL sets (query parameters, {@code ;key=value}), credentials taken out, values decoded. */
    public List<Option> options() {
        return options;
    }

    public Optional<String> username() {
        return username;
    }

    public Optional<String> password() {
        return password;
    }

    /** Scheme, hosts, ports and path: what health data and logs show. Query, options and fragment are left out. */
    public String location() {
        return location;
    }

    @Override
    public String toString() {
        return location;
    }

    /** Reads one locator; messages name a part and an index, never the text. */
    private static final class Parser {

        final String input;
        String scheme;
        final StringBuilder text = new StringBuilder();
        String location;
        String host;
        int port = -1;
        final List<Option> options = new ArrayList<>();
        String user;
        String password;

        Parser(String input) {
            this.input = input;
        }

        void jdbc() {
            String sub = input.substring(JDBC.length());
            int colon = sub.indexOf(':');
            if (colon <= 0 || !SCHEME.matcher(sub.substring(0, colon)).matches()) {
                throw new IllegalArgumentException(
                        "is not a URL: it names no JDBC subprotocol (such as jdbc:postgresql:)");
            }
            scheme = JDBC + sub.substring(0, colon).toLowerCase(Locale.ROOT);
            var oracle = ORACLE.matcher(sub);
            if (oracle.lookingAt()) {
                oracle(JDBC.length() + oracle.end());
                return;
            }
            int slashes = sub.indexOf("//");
            if (slashes > 0 && JDBC_PREFIX.matcher(sub.substring(0, slashes)).matches()) {
                hierarchical(JDBC.length() + slashes + 2, true);
            } else {
                opaque(JDBC.length() + colon + 1, true);
            }
        }

        void other() {
            int colon = input.indexOf(':');
            if (colon <= 0 || !SCHEME.matcher(input.substring(0, colon)).matches()) {
                throw new IllegalArgumentException("is not a URL: it has no scheme (such as postgres:// or jdbc:h2:)");
            }
            scheme = input.substring(0, colon).toLowerCase(Locale.ROOT);
            if (input.startsWith("//", colon + 1)) {
                hierarchical(colon + 3, false);
            } else {
                opaque(colon + 1, false);
            }
        }

        /** {@code scheme://[userinfo@]hosts[/path][?query][#fragment]} or {@code ...hosts;key=value;...}. */
        void hierarchical(int start, boolean jdbc) {
            int at = userinfoEnd(start, !jdbc && WEB_SCHEMES.contains(scheme));
            if (at >= 0) {
                credentials(start, at);
            } else {
                rejectUnreadableUserinfo(start);
            }
            int hostsStart = at >= 0 ? at + 1 : start;
            int hostsEnd = indexOfAny(input, "/?#;", hostsStart);
            text.append(input, 0, start);
            hosts(hostsStart, hostsEnd);
            text.append(input, hostsStart, hostsEnd);
            int pathEnd = indexOfAny(input, jdbc ? "?#;" : "?#", hostsEnd);
            if (input.startsWith(";", hostsEnd) && !jdbc) {
                throw illegal("host", hostsEnd);
            }
            checkPlain("path", hostsEnd, pathEnd);
            text.append(input, hostsEnd, pathEnd);
            location = text.toString();
            rest(pathEnd, jdbc);
        }

        /** {@code jdbc:h2:mem:x;DB_CLOSE_DELAY=-1}, {@code mailto:...}: no authority to read. */
        void opaque(int start, boolean jdbc) {
            int end = indexOfAny(input, jdbc ? "?#;" : "?#", start);
            checkPlain("opaque part", start, end);
            text.append(input, 0, end);
            location = text.toString();
            rest(end, jdbc);
        }

        /** {@code jdbc:oracle:thin:[user/password]@target}: the credentials are before the last unquoted @. */
        void oracle(int start) {
            int at = -1;
            boolean quoted = false;
            for (int i = start; i < input.length(); i++) {
                char c = input.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '@' && !quoted) {
                    at = i;
                }
            }
            text.append(input, 0, start);
            if (at < 0) {
                text.append(input, start, input.length());
                location = cut(text.toString());
                return;
            }
            String credentials = input.substring(start, at);
            if (!credentials.isEmpty()) {
                int slash = credentials.indexOf('/');
                user = unquote(slash < 0 ? credentials : credentials.substring(0, slash));
                password = slash < 0 ? null : unquote(credentials.substring(slash + 1));
            }
            text.append(input, at, input.length());
            location = cut(text.toString());
            oracleHost(at + 1);
            int query = input.indexOf('?', at);
            if (query >= 0) {
                parameters(query + 1, input.length(), '&');
            }
        }

        /** {@code //db:1521/orcl} or {@code db:1521:orcl}; a descriptor {@code (DESCRIPTION=...)} names no one host. */
        private void oracleHost(int start) {
            int from = input.startsWith("//", start) ? start + 2 : start;
            int end = indexOfAny(input, "/?", from);
            String[] parts = input.substring(from, end).split(":");
            if (parts.length == 0 || !HOST_NAME.matcher(parts[0]).matches()) {
                return;
            }
            host = parts[0];
            if (parts.length > 1 && parts[1].matches("\\d{1,5}") && Integer.parseInt(parts[1]) <= 65535) {
                port = Integer.parseInt(parts[1]);
            }
        }

        /**
         * Where the userinfo ends, or -1. Web URLs follow browsers: the last {@code @} before the first {@code /},
         * {@code ?} or {@code #}. Others (databases, mail, JDBC), whose paths never hold an {@code @}: the last
         * {@code @} that is followed by something shaped like a host list, unless the text before the first
         * {@code /} (or JDBC's {@code ;}) is a host itself ({@code jdbc:h2:tcp://localhost/~/x@y}).
         */
        private int userinfoEnd(int start, boolean web) {
            if (web) {
                int end = indexOfAny(input, "/?#", start);
                int at = input.lastIndexOf('@', end - 1);
                return at >= start ? at : -1;
            }
            for (int at = input.lastIndexOf('@'); at >= start; at = input.lastIndexOf('@', at - 1)) {
                int hostsEnd = indexOfAny(input, "/?#;", at + 1);
                if (!HOSTS_LIKE.matcher(input.substring(at + 1, hostsEnd)).matches()) {
                    continue;
                }
                int slash = input.indexOf('/', start);
                if (slash >= 0 && slash < at) {
                    String before = input.substring(start, slash);
                    if (isHostList(before) && before.indexOf(':') < 0) {
                        continue;
                    }
                }
                int semicolon = input.indexOf(';', start);
                if (semicolon >= 0 && semicolon < at && isHostList(input.substring(start, semicolon))) {
                    continue; // jdbc:sqlserver://db:1433;password=p@ss
                }
                return at;
            }
            return -1;
        }

        /** An @ before the hosts that ends no userinfo: what follows it is no host, so say where it goes wrong. */
        private void rejectUnreadableUserinfo(int start) {
            int end = indexOfAny(input, "/?#;", start);
            int at = input.lastIndexOf('@', end - 1);
            if (at < start) {
                return;
            }
            for (int i = at + 1; i < end; i++) {
                if (!HOSTS_LIKE.matcher(input.substring(i, i + 1)).matches()) {
                    throw illegal("host", i);
                }
            }
            throw illegal("host", at + 1);
        }

        private void credentials(int start, int at) {
            String userinfo = input.substring(start, at);
            int colon = userinfo.indexOf(':');
            user = decode(colon < 0 ? userinfo : userinfo.substring(0, colon));
            password = colon < 0 ? null : decode(userinfo.substring(colon + 1));
        }

        private void hosts(int start, int end) {
            if (start == end) {
                return; // no host: the driver's default (jdbc:postgresql:///db), or a file:/// handle
            }
            int partStart = start;
            for (int i = start; i <= end; i++) {
                if (i == end || input.charAt(i) == ',') {
                    hostAndPort(partStart, i);
                    partStart = i + 1;
                }
            }
        }

        private void hostAndPort(int start, int end) {
            String part = input.substring(start, end);
            if (part.isEmpty()) {
                throw new IllegalArgumentException("has no host name before index " + end);
            }
            if (part.indexOf('(') >= 0) {
                address(start, part); // MySQL's address=(host=...)(port=...)(key=value)
                return;
            }
            String name;
            int portStart;
            if (part.startsWith("[")) {
                int close = part.indexOf(']');
                if (close < 0 || !IPV6.matcher(part.substring(0, close + 1)).matches()) {
                    throw new IllegalArgumentException("has a malformed IPv6 address at index " + start);
                }
                name = part.substring(1, close);
                portStart = close + 1;
                if (portStart < part.length() && part.charAt(portStart) != ':') {
                    throw illegal("host", start + portStart);
                }
            } else {
                if (part.indexOf(':') != part.lastIndexOf(':')) {
                    throw new IllegalArgumentException(
                            "has an IPv6 address without brackets: write it as [::1]:5432");
                }
                int colon = part.indexOf(':');
                name = colon < 0 ? part : part.substring(0, colon);
                portStart = colon < 0 ? part.length() : colon;
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("has no host name before index " + start);
                }
                for (int i = 0; i < name.length(); i++) {
                    if (!HOST_NAME.matcher(name.substring(i, i + 1)).matches()) {
                        throw illegal("host", start + i);
                    }
                }
            }
            int number = -1;
            if (portStart < part.length()) {
                String digits = part.substring(portStart + 1);
                int index = start + portStart + 1;
                if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("has a port that is not a number at index " + index);
                }
                if (digits.length() > 5 || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
                    throw new IllegalArgumentException("has a port out of range (1 to 65535) at index " + index);
                }
                number = Integer.parseInt(digits);
            }
            if (host == null) {
                host = name;
                port = number;
            }
        }

        /**
         * MySQL's {@code address=(host=db)(port=3306)(key=value)}: the host and port are the location, further pairs
         * are options like a query's; credentials there are refused (they would stay in the text).
         */
        private void address(int start, String part) {
            var pair = ADDRESS_PAIR.matcher(part);
            while (pair.find()) {
                String key = pair.group(1).strip();
                String lower = key.toLowerCase(Locale.ROOT);
                if (USER_KEYS.contains(lower) || PASSWORD_KEYS.contains(lower)) {
                    throw new IllegalArgumentException("has a user or password inside address=(...) at index "
                            + (start + pair.start()) + ": write them as user:password@ before the hosts");
                }
                if (lower.equals("host") && host == null) {
                    host = pair.group(2).strip();
                } else if (!Set.of("host", "port", "type", "protocol").contains(lower)) {
                    options.add(new Option(key, pair.group(2)));
                }
            }
        }

        /** What follows the path: {@code ;options} (JDBC), {@code ?query}, {@code #fragment}. */
        private void rest(int start, boolean jdbc) {
            int i = start;
            if (jdbc && input.startsWith(";", i)) {
                int end = indexOfAny(input, "?#", i + 1);
                parameters(i + 1, end, ';');
                i = end;
            }
            if (input.startsWith("?", i)) {
                int end = indexOfAny(input, "#", i + 1);
                parameters(i + 1, end, '&');
                i = end;
            }
            if (input.startsWith("#", i)) {
                checkPlain("fragment", i + 1, input.length());
                text.append(input, i, input.length());
            }
        }

        /** Options separated by {@code separator}; credentials are taken out, the others kept in the text. */
        private void parameters(int start, int end, char separator) {
            StringBuilder kept = new StringBuilder();
            int partStart = start;
            int depth = 0;
            for (int i = start; i <= end; i++) {
                char c = i < end ? input.charAt(i) : separator;
                if (c == '{') {
                    depth++;
                } else if (c == '}' && depth > 0) {
                    depth--;
                } else if (c == separator && (depth == 0 || i == end)) {
                    String parameter = input.substring(partStart, i);
                    if (!parameter.isEmpty()) {
                        int eq = parameter.indexOf('=');
                        String key = eq < 0 ? parameter : parameter.substring(0, eq);
                        String rawValue = eq < 0 ? "" : parameter.substring(eq + 1);
                        String lower = key.strip().toLowerCase(Locale.ROOT);
                        if (PASSWORD_KEYS.contains(lower)) {
                            password = password != null ? password : value(rawValue, separator);
                        } else if (USER_KEYS.contains(lower)) {
                            user = user != null ? user : value(rawValue, separator);
                        } else {
                            if (separator != ';') { // H2 and SQL Server options may hold spaces: INIT=CREATE ...
                                checkPlain("query", partStart, i);
                            }
                            kept.append(kept.length() == 0 ? "" : String.valueOf(separator)).append(parameter);
                            options.add(new Option(key.strip(), value(rawValue, separator)));
                        }
                    }
                    partStart = i + 1;
                }
            }
            if (kept.length() > 0) {
                text.append(separator == ';' ? ';' : '?').append(kept);
            }
        }

        /** A query value is percent-encoded; a {@code ;key={value}} one may be braced (SQL Server). */
        private static String value(String raw, char separator) {
            if (separator == ';') {
                return raw.startsWith("{") && raw.endsWith("}") ? raw.substring(1, raw.length() - 1) : raw;
            }
            return decode(raw);
        }

        private void checkPlain(String part, int start, int end) {
            for (int i = start; i < end; i++) {
                if (Character.isWhitespace(input.charAt(i))) {
                    throw illegal(part, i);
                }
            }
        }

        private static IllegalArgumentException illegal(String part, int index) {
            return new IllegalArgumentException(
                    "is not a valid URL (illegal character in the " + part + " at index " + index + ")");
        }

        private static String unquote(String s) {
            return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        }

        private static String cut(String text) {
            int query = text.indexOf('?');
            return query < 0 ? text : text.substring(0, query);
        }
    }

    /** Whether {@code s} is a comma-separated list of {@code host[:port]}. */
    private static boolean isHostList(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (String part : s.split(",", -1)) {
            int colon = part.lastIndexOf(':');
            String name = colon < 0 || part.endsWith("]") ? part : part.substring(0, colon);
            String digits = colon < 0 || part.endsWith("]") ? "" : part.substring(colon + 1);
            if (!(HOST_NAME.matcher(name).matches() || IPV6.matcher(name).matches())
                    || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /**
     * Percent-decoding as RFC 3986 means it: unlike URLDecoder, '+' stays '+'; a '%' not followed by two hex digits
     * stays itself (a password such as {@code 50%off} may be written raw), and so does a text whose escapes do not
     * decode to UTF-8 ({@code 50%ca}).
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                int codePoint = s.codePointAt(i);
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return s; // not an escape after all: a '%' followed by hex digits in a password written raw
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The text as a URI: as it is if it is one, else with what a URI may not hold percent-encoded. */
    private static URI toUri(String text, String scheme) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            // an IPv6 zone, a raw % or a non-ASCII character: encode what java.net.URI refuses, keep the shape
        }
        try {
            return URI.create(quote(text, "-._~:/?#[]@!$&'()*+,;=%", true));
        } catch (IllegalArgumentException e) {
            int colon = text.indexOf(':', scheme.startsWith(JDBC) ? JDBC.length() : 0);
            String head = scheme.startsWith(JDBC) ? "jdbc" : text.substring(0, colon);
            String tail = text.substring(head.length() + 1);
            return URI.create(head + ":" + quote(tail.startsWith("/") ? "." + tail : tail, "-._~:@!$&'()*+,;=", false));
        }
    }

    private static String quote(String s, String allowed, boolean keepPercentEscapes) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b == '%' && keepPercentEscapes && i + 2 < bytes.length
                    && hex((char) bytes[i + 1]) >= 0 && hex((char) bytes[i + 2]) >= 0;
            if (b < 0x80 && (Character.isLetterOrDigit(b) || (allowed.indexOf(b) >= 0 && (b != '%' || escape)))) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
