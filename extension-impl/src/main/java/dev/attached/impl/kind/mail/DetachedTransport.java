package dev.attached.impl.kind.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;

/**
 * The transport of a detached mail resource: connecting or sending fails at once with a MessagingException that
 * says which key to set. The message comes from the session property {@link #MESSAGE}.
 */
public final class DetachedTransport extends Transport {

    static final String PROTOCOL = "attached-detached";
    static final String MESSAGE = "mail.attached-detached.message";

    public DetachedTransport(Session session, URLName urlName) {
        super(session, urlName);
    }

    @Override
    protected boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        throw new MessagingException(session.getProperty(MESSAGE));
    }

    @Override
    public void sendMessage(Message message, Address[] addresses) throws MessagingException {
        throw new MessagingException(session.getProperty(MESSAGE));
    }
}
