package dev.attached.kind.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Ports;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server on a free port of 127.0.0.1 that a test can stop and start again on the same port. By default
 * the binary embedded-redis ships; {@link #machine()} runs the machine's {@code /usr/bin/redis-server} instead.
 */
public final class TestRedis implements AutoCloseable {

    /** An ACL user {@link #withCanaryUser()} creates with the canary password. */
    public static final String USER = "app";

    /** The machine's Redis (Debian package redis-server), for the ci-services tests. */
    public static final File MACHINE_BINARY = new File("/usr/bin/redis-server");

    private final int port;
    private final ExecutableProvider binary;
    private RedisServer server;

    private TestRedis(int port, ExecutableProvider binary) {
        this.port = port;
        this.binary = binary;
    }

    /** Starts a server with embedded-redis's binary. */
    public static TestRedis embedded() {
        TestRedis redis = new TestRedis(Ports.free(), ExecutableProvider.newJarResourceProvider());
        redis.start();
        return redis;
    }

    /** Starts a server with {@code /usr/bin/redis-server}. */
    public static TestRedis machine() {
        TestRedis redis = new TestRedis(Ports.free(), () -> MACHINE_BINARY);
        redis.start();
        return redis;
    }

    public synchronized void start() {
        try {
            server = RedisServer.newRedisServer()
                    .executableProvider(binary)
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .soutListener(line -> {
                    })
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        try {
            if (server != null) {
                server.stop();
                server = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>} */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Creates the ACL user {@link #USER} with the canary password and every right. */
    public TestRedis withCanaryUser() {
        Resp.call(port, null, "ACL", "SETUSER", USER, "reset", "on", ">" + Canary.PASSWORD, "~*", "&*",
                "+@all");
        return this;
    }

    /** An admin command, as the default user (no password). */
    public String admin(String... command) {
        return Resp.call(port, null, command);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Whether a message reports a refused login: Redis's {@code WRONGPASS}, or, now and then, Lettuce's
     * "Connection closed prematurely" (Lettuce 7.7 sometimes closes the channel before it has read the server's
     * answer to a failed handshake).
     */
    public static boolean refusedLogin(String message) {
        // Lettuce 7.7 sometimes loses the server's answer to a handshake that fails fast, on a loaded machine even
        // past the kind's workaround (PipelineCustomizer); the probe is DOWN all the same.
        return message.contains("WRONGPASS invalid username-password pair or user is disabled.")
                || message.contains("Connection closed prematurely")
                || message.contains("RedisHandshakeHandler not registered");
    }
}
