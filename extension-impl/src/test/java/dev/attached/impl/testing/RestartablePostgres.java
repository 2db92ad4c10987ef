package dev.attached.impl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** An embedded PostgreSQL a test can stop and start again on the same port and data, as an outage would. */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private int port;
    private EmbeddedPostgres postgres;

    public RestartablePostgres() throws IOException {
        dataDirectory = Files.createTempDirectory("attached-pg");
        start();
        port = postgres.getPort();
    }

    public synchronized void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        postgres = builder.start();
    }

    public synchronized void stop() throws IOException {
        postgres.close();
    }

    public int port() {
        return port;
    }

    /** A platform-style URL, as a DATABASE_URL would give it; trust auth accepts any password. */
    public String platformUrl(String database) {
        return "postgres://postgres:" + Canary.PASSWORD + "@localhost:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
