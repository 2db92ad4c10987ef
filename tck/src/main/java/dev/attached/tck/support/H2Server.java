package dev.attached.tck.support;

/**
 * An H2 database server on a TCP port, started and stopped by a test: a real database that can be down when the
 * application starts and come up later. H2 ({@code com.h2database:h2}) is on the class path of every TCK deployment
 * (the runner puts it there), so it is reached by reflection and the TCK does not compile against it.
 */
public final class H2Server implements AutoCloseable {

    private final Object server;

    private H2Server(Object server) {
        this.server = server;
    }

    /** Starts a server on {@code port} that creates in-memory databases on first use. */
    public static H2Server start(int port) {
        try {
            Class<?> type = Class.forName("org.h2.tools.Server", true, Thread.currentThread().getContextClassLoader());
            Object server = type.getMethod("createTcpServer", String[].class).invoke(null,
                    (Object) new String[]{"-tcpPort", String.valueOf(port), "-ifNotExists"});
            type.getMethod("start").invoke(server);
            return new H2Server(server);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("H2 (com.h2database:h2) must be on the deployment's class path", e);
        }
    }

    /** The JDBC url of an in-memory database on a server at {@code port}. */
    public static String url(int port, String database) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + database;
    }

    @Override
    public void close() {
        try {
            server.getClass().getMethod("stop").invoke(server);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
