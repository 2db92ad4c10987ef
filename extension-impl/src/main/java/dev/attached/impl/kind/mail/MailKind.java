package dev.attached.impl.kind.mail;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import dev.attached.ResourceHandle;
import dev.attached.impl.config.Handle;
import dev.attached.spi.Current;
import dev.attached.spi.ResourceKind;

/**
 * {@code jakarta.mail.Session} for an SMTP relay: {@code smtp://user:pass@host:587} (STARTTLS opportunistic unless
 * {@code starttls} says otherwise) or {@code smtps://host:465}. A Session is a final class, so it cannot be proxied;
 * instead the injected Session is one of Attached's whose transport hands every send to the relay attached at that
 * moment (see {@link AttachedTransport}), so a plain {@code Session} field follows swaps.
 */
public final class MailKind implements ResourceKind<MailSettings, Session> {

    /** Further Jakarta Mail properties: {@code attached.<name>.mail.smtp.localhost=app.example.com}. */
    static final String MAIL_PROPERTY_PREFIX = "mail.";

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public Class<Session> type() {
        return Session.class;
    }

    @Override
    public Set<String> keys() {
        return MailSettings.KEYS;
    }

    @Override
    public MailSettings configure(ResourceHandle handle, List<String> problems) {
        String scheme = handle.uri().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            problems.add("url: scheme '" + scheme + "' does not fit a mail Session (use smtp:// or smtps://)");
            return null;
        }
        return MailSettings.read(handle, problems);
    }

    @Override
    public Session open(MailSettings settings) {
        return session(settings.handle(), settings);
    }

    /** Connects, greets, upgrades and authenticates as configured, then quits: what sending a message would do. */
    @Override
    public Map<String, Object> probe(Session resource, Duration timeout) throws Exception {
        // a session of its own so the probe's socket timeouts are the health timeout, not the sending ones
        Session probe = Session.getInstance(withTimeouts(resource.getProperties(), timeout, timeout),
                authenticator(resource));
        try (Transport transport = probe.getTransport()) {
            transport.connect();
        }
        return Map.of();
    }

    @Override
    public void close(Session resource) {
        // a Session holds no connection: every send opens and closes its own transport
    }

    /** One Session for the application's lifetime, whose every send goes through the relay attached then. */
    @Override
    public Object reference(Type type, Current<Session> current) {
        return AttachedTransport.session(current);
    }

    @Override
    public Session detached(String message) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", DetachedTransport.PROTOCOL);
        properties.setProperty("mail.transport.protocol.rfc822", DetachedTransport.PROTOCOL);
        properties.setProperty(DetachedTransport.MESSAGE, message);
        Session session = Session.getInstance(properties);
        session.addProvider(new Provider(Provider.Type.TRANSPORT, DetachedTransport.PROTOCOL,
                DetachedTransport.class.getName(), "Attached", "1"));
        return session;
    }

    private static Session session(ResourceHandle handle, MailSettings settings) {
        String protocol = settings.secure() ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty("mail.transport.protocol.rfc822", protocol);
        properties.setProperty(p + "host", settings.host());
        properties.setProperty(p + "port", String.valueOf(settings.port()));
        properties.setProperty(p + "auth", String.valueOf(handle.username().isPresent()));
        if (!settings.secure()) {
            properties.setProperty(p + "starttls.enable",
                    String.valueOf(settings.startTls() != MailSettings.StartTls.OFF));
            properties.setProperty(p + "starttls.required",
                    String.valueOf(settings.startTls() == MailSettings.StartTls.REQUIRED));
        }
        // trusting named hosts (a self-signed relay) replaces the certificate checks; otherwise both are made
        properties.setProperty(p + "ssl.checkserveridentity", String.valueOf(settings.trust().isEmpty()));
        settings.trust().ifPresent(hosts -> properties.setProperty(p + "ssl.trust", hosts));
        settings.from().ifPresent(from -> {
            properties.setProperty("mail.from", from);
            properties.setProperty(p + "from", from);
        });
        ((Handle) handle).propertiesUnder(MAIL_PROPERTY_PREFIX)
                .forEach((key, value) -> properties.setProperty(MAIL_PROPERTY_PREFIX + key, value));
        return Session.getInstance(withTimeouts(properties, settings.connectTimeout(), settings.timeout()),
                handle.username().map(user -> credentials(user, handle.password().orElse(""))).orElse(null));
    }

    private static Properties withTimeouts(Properties source, Duration connectTimeout, Duration timeout) {
        Properties properties = new Properties();
        properties.putAll(source);
        for (String protocol : new String[]{"smtp", "smtps"}) {
            properties.setProperty("mail." + protocol + ".connectiontimeout",
                    String.valueOf(connectTimeout.toMillis()));
            properties.setProperty("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
            properties.setProperty("mail." + protocol + ".writetimeout", String.valueOf(timeout.toMillis()));
        }
        return properties;
    }

    /** Asks the session we opened for its credentials (none if it has no authenticator). */
    private static Authenticator authenticator(Session session) {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return session.requestPasswordAuthentication(getRequestingSite(), getRequestingPort(),
                        getRequestingProtocol(), getRequestingPrompt(), getDefaultUserName());
            }
        };
    }

    private static Authenticator credentials(String user, String password) {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }

            @Override
            public String toString() {
                return "Authenticator[" + user + "]";
            }
        };
    }
}
