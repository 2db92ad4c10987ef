package dev.attached.tck.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP relay on a loopback port that speaks enough of RFC 5321 (EHLO, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT) for a Jakarta Mail client, and keeps what it was given. Written on plain sockets so the TCK
 * needs no mail server library.
 */
public final class SmtpRelay implements AutoCloseable {

    /** One message as the relay received it, with the user who authenticated for it (empty if nobody did). */
    public record Received(String user, String from, List<String> to, String data) {
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private SmtpRelay(int port) throws IOException {
        server = new ServerSocket(port, 50, Ports.LOOPBACK);
        Thread acceptor = new Thread(this::accept, "attached-tck-smtp-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SmtpRelay on(int port) {
        try {
            return new SmtpRelay(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread session = new Thread(() -> serve(socket), "attached-tck-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 attached-tck ESMTP");
            String user = "";
            String from = null;
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-attached-tck\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 attached-tck");
                    case "AUTH" -> {
                        user = authenticate(line, in, out);
                        reply(out, "235 2.7.0 authenticated");
                    }
                    case "MAIL" -> {
                        from = address(line);
                        to = new ArrayList<>();
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        to.add(address(line));
                        reply(out, "250 2.1.5 ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        StringBuilder data = new StringBuilder();
                        for (String text = in.readLine(); text != null && !text.equals("."); text = in.readLine()) {
                            data.append(text.startsWith("..") ? text.substring(1) : text).append('\n');
                        }
                        received.add(new Received(user, from, List.copyOf(to), data.toString()));
                        reply(out, "250 2.0.0 queued");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 2.0.0 ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String authenticate(String line, BufferedReader in, OutputStream out) throws IOException {
        String[] words = line.split(" ");
        if (words.length > 1 && words[1].equalsIgnoreCase("LOGIN")) {
            reply(out, "334 VXNlcm5hbWU6");
            String user = decode(in.readLine());
            reply(out, "334 UGFzc3dvcmQ6");
            in.readLine();
            return user;
        }
        String response = words.length > 2 ? words[2] : null;
        if (response == null) {
            reply(out, "334 ");
            response = in.readLine();
        }
        String[] parts = decode(response).split("\u0000", -1);
        return parts.length > 1 ? parts[1] : "";
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>');
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
