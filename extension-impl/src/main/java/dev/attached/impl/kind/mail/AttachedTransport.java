package dev.attached.impl.kind.mail;

import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;

import dev.attached.spi.Current;
import dev.attached.spi.Current.Lease;

/**
 * The transport of the Session Attached injects. Jakarta Mail finds a Session's transport through its providers,
 * so the injected Session, which lives as long as the application, names this one; connecting enters the generation
 * attached at that moment and opens that relay's own transport, and closing leaves it. So a send in progress during
 * a swap finishes on the old relay (which is not closed before), and every later send goes to the new one, or fails
 * at once, naming the key to set, while the resource is detached.
 */
public final class AttachedTransport extends Transport {

    static final String PROTOCOL = "attached";
    /** An object-valued session property: how the transport, made by Jakarta Mail, finds its resource. */
    private static final String CURRENT = "dev.attached.current";

    private Lease<Session> lease;
    private Transport relay;

    public AttachedTransport(Session session, URLName urlName) {
        super(session, urlName);
    }

    /** The application's Session for one resource. */
    static Session session(Current<Session> current) {
        Properties properties = new CurrentProperties(current);
        properties.setProperty("mail.transport.protocol", PROTOCOL);
        properties.setProperty("mail.transport.protocol.rfc822", PROTOCOL);
        properties.put(CURRENT, current);
        Session session = Session.getInstance(properties);
        session.addProvider(new Provider(Provider.Type.TRANSPORT, PROTOCOL, AttachedTransport.class.getName(),
                "Attached", "1"));
        return session;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        Lease<Session> entered = ((Current<Session>) session.getProperties().get(CURRENT)).enter();
        try {
            Transport transport = entered.resource().getTransport();
            transport.connect(); // the generation's own relay, port and credentials
            relay = transport;
            lease = entered;
            return true;
        } catch (MessagingException | RuntimeException e) {
            entered.close();
            throw e;
        }
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        if (relay == null) {
            throw new IllegalStateException("not connected");
        }
        relay.sendMessage(message, addresses);
    }

    @Override
    public synchronized void close() throws MessagingException {
        try {
            if (relay != null) {
                relay.close();
            }
        } finally {
            relay = null;
            if (lease != null) {
                lease.close();
                lease = null;
            }
            super.close();
        }
    }

    /**
     * The injected Session's properties: its own say which transport to use; every other one (such as
     * {@code mail.from}) is the attached relay's, so it follows swaps too.
     */
    private static final class CurrentProperties extends Properties {

        private static final long serialVersionUID = 1L;
        private final transient Current<Session> current;

        CurrentProperties(Current<Session> current) {
            this.current = current;
        }

        @Override
        public String getProperty(String key) {
            String own = super.getProperty(key);
            if (own != null) {
                return own;
            }
            try (Lease<Session> lease = current.enter()) {
                return lease.resource().getProperty(key);
            }
        }

    }
}
