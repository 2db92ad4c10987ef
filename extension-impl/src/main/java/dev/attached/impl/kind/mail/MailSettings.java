package dev.attached.impl.kind.mail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import dev.attached.ResourceHandle;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.Handle;
import dev.attached.impl.config.KeyReader;
import dev.attached.impl.config.ResourceUrl;

/** The keys under {@code attached.<name>.} that shape an SMTP session, with their defaults. */
record MailSettings(ResourceHandle handle, boolean secure, String host, int port, StartTls startTls,
        Optional<String> from,
        Optional<String> trust, Duration connectTimeout, Duration timeout) {

    static final String FROM = "from";
    static final String STARTTLS = "starttls";
    static final String TRUST = "trust";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String TIMEOUT = "timeout";
    static final Set<String> KEYS = Set.of(FROM, STARTTLS, TRUST, CONNECT_TIMEOUT, TIMEOUT);

    /** Whether to upgrade a plain {@code smtp://} connection with STARTTLS. */
    enum StartTls {
        /** Upgrade if the relay offers it, else send in the clear (the default). */
        OPPORTUNISTIC,
        /** Refuse to send unless the relay upgrades the connection. */
        REQUIRED,
        /** Never upgrade. */
        OFF;

        static StartTls parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        KeyReader.quote(value) + " is not one of opportunistic, required, off");
            }
        }
    }

    /** Reads the settings; every unreadable value is added to {@code problems}. */
    static MailSettings read(ResourceHandle handle, List<String> problems) {
        ResourceUrl url = ((Handle) handle).url();
        boolean secure = url.scheme().equals("smtps");
        String host = url.host();
        if (host == null || host.isEmpty()) {
            problems.add("url: an SMTP URL needs a host, as in smtp://mail.example.com:587");
        }
        int port = url.port() >= 0 ? url.port() : secure ? 465 : 25;
        KeyReader keys = new KeyReader(handle, problems);
        StartTls startTls = keys.get(STARTTLS, StartTls.OPPORTUNISTIC, StartTls::parse);
        Optional<String> from = handle.property(FROM);
        from.ifPresent(address -> {
            try {
                new InternetAddress(address, true);
            } catch (AddressException e) {
                problems.add(FROM + ": " + KeyReader.quote(address) + " is not an e-mail address");
            }
        });
        return new MailSettings(handle, secure, host, port, startTls, from, handle.property(TRUST),
                keys.get(CONNECT_TIMEOUT, Duration.ofSeconds(10), Durations::positive),
                keys.get(TIMEOUT, Duration.ofSeconds(30), Durations::positive));
    }
}
