package dev.attached.kind.memcached;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.code.yanf4j.core.Session;

import dev.attached.spi.SettingValues;

import net.rubyeye.xmemcached.FlowControl;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.auth.AuthInfo;
import net.rubyeye.xmemcached.command.Command;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.rubyeye.xmemcached.command.binary.BinaryNoopCommand;
import net.rubyeye.xmemcached.exception.MemcachedException;
import net.rubyeye.xmemcached.impl.ArrayMemcachedSessionLocator;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import net.rubyeye.xmemcached.impl.MemcachedTCPSession;
import net.rubyeye.xmemcached.impl.ReconnectRequest;
import net.rubyeye.xmemcached.networking.MemcachedSession;
import net.rubyeye.xmemcached.transcoders.CachedData;

/**
 * One generation of a memcached resource: an XMemcached client, and the {@link MemcachedClient} that applications
 * reach it through. That view forwards every call except the few that would change the shared client behind the
 * application's back (shutdown, servers, settings): those are the configuration's to change, through a swap.
 *
 * <p>
 * The client is built without servers, which starts its I/O threads and nothing else; a thread of the generation
 * then adds the servers one after another, each connection attempt bounded by {@code connect-timeout}. So opening
 * never waits for the network, and a server that is down at boot is retried by XMemcached's own reconnection
 * ("heal session") thread while calls fail fast with "There is no available connection at this moment".
 */
final class ClientGeneration implements InvocationHandler {

    private static final Logger LOG = Logger.getLogger(ClientGeneration.class.getName());

    /** Settings of the client itself: each would be lost at the next swap, and most have a key instead. */
    private static final Map<String, String> MANAGED = managed();

    /** How much earlier than its timeout a probe finishes: a tenth of it, within these bounds. */
    private static final long MIN_MARGIN = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_MARGIN = TimeUnit.MILLISECONDS.toNanos(200);

    private final MemcachedSettings settings;
    private final MemcachedClient client;
    private final MemcachedClient view;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    /** Servers whose first connection attempt is over (connected, or queued for reconnection). */
    private final Set<Server> attempted = ConcurrentHashMap.newKeySet();
    private final Thread connector;
    private volatile boolean closed;

    private ClientGeneration(MemcachedSettings settings, MemcachedClient client) {
        this.settings = settings;
        this.client = client;
        this.view = (MemcachedClient) Proxy.newProxyInstance(MemcachedClient.class.getClassLoader(),
                new Class<?>[]{MemcachedClient.class}, this);
        this.connector = new Thread(this::connect, "attached-memcached-connect-" + settings.resource());
        connector.setDaemon(true);
    }

    /** Builds the client and starts connecting in the background; returns without waiting for any server. */
    static MemcachedClient open(MemcachedSettings settings) throws Exception {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder();
        builder.setName("attached:" + settings.resource());
        builder.setCommandFactory(settings.protocol() == MemcachedSettings.Protocol.BINARY
                ? new MaskedSaslCommands()
                : new TextCommandFactory());
        builder.setSessionLocator(settings.hashing() == MemcachedSettings.Hashing.KETAMA
                ? new KetamaMemcachedSessionLocator()
                : new ArrayMemcachedSessionLocator());
        builder.setConnectTimeout(settings.connectTimeout().toMillis());
        builder.setOpTimeout(settings.timeout().toMillis());
        builder.setConnectionPoolSize(settings.poolSize());
        builder.setFailureMode(false);
        ClientGeneration generation = new ClientGeneration(settings, builder.build());
        generation.connector.start();
        return generation.view;
    }

    /** The generation behind a client this kind opened. */
    static ClientGeneration of(MemcachedClient client) {
        if (Proxy.isProxyClass(client.getClass())
                && Proxy.getInvocationHandler(client) instanceof ClientGeneration generation) {
            return generation;
        }
        throw new IllegalArgumentException("not a client of the memcached kind: " + client.getClass().getName());
    }

    private void connect() {
        try {
            settings.credentials().ifPresent(credentials -> client.setAuthInfoMap(authInfo(credentials)));
            for (Server server : settings.servers()) {
                if (closed) {
                    break;
                }
                try {
                    // waits up to connect-timeout; a server that does not answer is queued for reconnection
                    client.addServer(server.host(), server.port());
                } catch (IOException | RuntimeException e) {
                    if (!closed) {
                        LOG.log(Level.WARNING, "Memcached resource '" + settings.resource() + "': could not add "
                                + server, e);
                    }
                }
                attempted.add(server);
            }
        } finally {
            connected.complete(null);
        }
    }

    /**
     * XMemcached finds a connection's credentials by {@code host:port} of its remote address, whose host is the name
     * the server was resolved to: the name as written, or for an address written as such its reverse-DNS name. So
     * each server is listed under every form (resolving here, on the generation's thread, never in {@code open}).
     */
    private Map<InetSocketAddress, AuthInfo> authInfo(MemcachedSettings.Credentials credentials) {
        Map<InetSocketAddress, AuthInfo> map = new HashMap<>();
        for (Server server : settings.servers()) {
            AuthInfo info = new AuthInfo(new SaslCallbacks(credentials.username(), credentials.password()),
                    new String[]{credentials.mechanism().saslName()});
            map.put(server.unresolved(), info);
            InetSocketAddress resolved = new InetSocketAddress(server.host(), server.port());
            if (!resolved.isUnresolved()) {
                map.put(InetSocketAddress.createUnresolved(resolved.getHostName(), server.port()), info);
                map.put(InetSocketAddress.createUnresolved(resolved.getAddress().getHostAddress(), server.port()),
                        info);
            }
        }
        return map;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> toString();
            };
        }
        if (!connected.isDone()) {
            awaitFirstConnections();
        }
        String key = MANAGED.get(method.getName());
        if (key != null) {
            throw new UnsupportedOperationException("MemcachedClient." + method.getName()
                    + " is not available on attached resource '" + settings.resource() + "': "
                    + key.replace("<name>", settings.resource()));
        }
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The first calls after open wait for the servers' first connection attempt, as long as one command may take
     * ({@code timeout}), instead of failing with "There is no available connection at this moment" a few
     * milliseconds before the connection is there. Opening itself, and so start-up, never waits.
     */
    private void awaitFirstConnections() throws InterruptedException {
        try {
            connected.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the call goes ahead and fails as XMemcached fails it
        }
    }

    /**
     * Asks every connection at once and waits up to {@code timeout} for the answers. The resource is UP while at least
     * one server answers (a cache with a node down still serves: XMemcached moves that node's keys to the others);
     * the servers that do not are listed in {@code unreachable}.
     *
     * <p>
     * The question is {@code version}. A SASL-enabled server answers it before authentication too, so with
     * credentials a connection XMemcached marked as rejected counts as down; without credentials, over the binary
     * protocol, a {@code noop} is sent as well, which such a server refuses.
     */
    Map<String, Object> probe(Duration timeout) throws MemcachedException, InterruptedException {
        // finish a little before the caller gives up on the probe, so the reason below is what readiness shows
        long budget = timeout.toNanos() - Math.max(MIN_MARGIN, Math.min(MAX_MARGIN, timeout.toNanos() / 10));
        long deadline = System.nanoTime() + budget;
        try {
            // right after open (a swap) the servers are still being added: give them the probe's time
            connected.get(budget, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // reported per server below
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never: connect() completes normally
        }

        List<Session> sessions = new ArrayList<>(client.getConnector().getSessionSet());
        sessions.removeIf(Session::isClosed);
        boolean noop = settings.protocol() == MemcachedSettings.Protocol.BINARY && settings.credentials().isEmpty();
        CountDownLatch latch = new CountDownLatch(sessions.size() * (noop ? 2 : 1));
        XMemcachedClient xmemcached = (XMemcachedClient) client;
        Map<Session, List<Command>> sent = new LinkedHashMap<>();
        for (Session session : sessions) {
            List<Command> commands = new ArrayList<>();
            if (noop) {
                commands.add(new ProbeNoop(latch));
            }
            commands.add(xmemcached.getCommandFactory().createVersionCommand(latch, session.getRemoteSocketAddress()));
            commands.forEach(session::write);
            sent.put(session, commands);
        }
        latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);

        Map<Server, String> versions = new LinkedHashMap<>();
        Map<Server, String> failures = new HashMap<>();
        sent.forEach((session, commands) -> {
            Server server = serverOf(session.getRemoteSocketAddress());
            if (server == null || versions.containsKey(server)) {
                return;
            }
            String failure = null;
            for (Command command : commands) {
                if (command.getException() != null) {
                    failure = "answered with an error: " + command.getException().getMessage();
                } else if (command.getResult() == null) {
                    command.cancel();
                    failure = "did not answer '" + (command instanceof ProbeNoop ? "noop" : "version")
                            + "' within the health timeout (" + SettingValues.format(timeout) + ")";
                }
                if (failure != null) {
                    break;
                }
            }
            if (failure == null && session instanceof MemcachedTCPSession tcp && tcp.isAuthFailed()) {
                failure = "rejected the username and password";
            }
            if (failure == null) {
                versions.put(server, String.valueOf(commands.get(commands.size() - 1).getResult()));
                failures.remove(server);
            } else {
                failures.putIfAbsent(server, failure);
            }
        });

        List<String> unreachable = new ArrayList<>();
        boolean reconnect = false;
        for (Server server : settings.servers()) {
            if (versions.containsKey(server)) {
                continue;
            }
            String failure = failures.get(server);
            if (failure == null && !attempted.contains(server)) {
                failure = "is still connecting (connect-timeout " + SettingValues.format(settings.connectTimeout())
                        + ")";
            } else if (failure == null) {
                reconnect = true;
                failure = "is not connected" + (settings.credentials().isPresent()
                        ? " (refused, unreachable, or it rejected the username and password)"
                        : " (refused or unreachable)");
            }
            unreachable.add(server + " " + failure);
        }
        if (reconnect) {
            reconnectSoon();
        }
        if (versions.isEmpty()) {
            throw new MemcachedException("no memcached server answered: " + String.join("; ", unreachable));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("servers", settings.serverList());
        data.put("version", versions.values().iterator().next());
        if (!unreachable.isEmpty()) {
            data.put("unreachable", String.join("; ", unreachable));
        }
        return data;
    }

    /** The binary protocol's no-op: header only (XMemcached's own BinaryNoopCommand cannot encode itself). */
    private static final class ProbeNoop extends BinaryNoopCommand {
        ProbeNoop(CountDownLatch latch) {
            super(latch);
        }

        @Override
        protected void fillExtras(CachedData data) {
        }

        @Override
        protected void fillKey() {
        }

        @Override
        protected void fillValue(CachedData data) {
        }

        @Override
        protected byte getExtrasLength() {
            return 0;
        }

        @Override
        protected short getKeyLength() {
            return 0;
        }

        @Override
        protected int getValueLength(CachedData data) {
            return 0;
        }
    }

    private Server serverOf(InetSocketAddress address) {
        for (Server server : settings.servers()) {
            if (server.is(address)) {
                return server;
            }
        }
        return null;
    }

    /**
     * XMemcached waits longer after each failed reconnection (up to a minute). A probe that finds a server
     * unconnected asks for the next attempt within a second, so readiness turns UP soon after the server is back.
     */
    private void reconnectSoon() {
        Queue<ReconnectRequest> queue = client.getReconnectRequestQueue();
        for (ReconnectRequest request : List.copyOf(queue)) {
            if (request.getTries() > 1 && queue.remove(request)) {
                request.setTries(1);
                request.updateNextReconnectTimeStamp(0);
                queue.offer(request);
            }
        }
    }

    /**
     * Commands written with {@code ...WithNoReply} that still wait in a connection's write queue: the only work that
     * outlives a call.
     */
    int queuedNoReply() {
        if (closed) {
            return 0;
        }
        FlowControl flowControl = client.getConnector().getNoReplyOpsFlowControl();
        return Math.max(0, flowControl.max() - flowControl.permits());
    }

    /** Calls {@code released} once no command is left queued (or the generation is closed). */
    void whenDrained(Runnable released) {
        Thread watcher = new Thread(() -> {
            try {
                while (!closed && queuedNoReply() > 0) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!closed) {
                released.run();
            }
        }, "attached-memcached-drain-" + settings.resource());
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Shuts the client down. Its connections are closed first: XMemcached's own shutdown sends {@code quit} and then
     * waits in steps of a second, up to five, for the servers to hang up, and a hung server never does. By the time
     * Attached closes a generation, no call is inside it and no queued command is left (or its drain-timeout cut them).
     */
    void close() throws Exception {
        closed = true;
        connector.interrupt();
        for (Session session : client.getConnector().getSessionSet()) {
            if (session instanceof MemcachedSession memcached) {
                memcached.setAllowReconnect(false);
            }
            session.close();
        }
        client.shutdown();
    }

    MemcachedSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "MemcachedClient[" + settings.resource() + ": " + settings.serverList() + "]";
    }

    private static Map<String, String> managed() {
        Map<String, String> managed = new HashMap<>();
        String lifecycle = "Attached opens and shuts down its clients (a swap replaces it; detach by removing the url)";
        String lost = "it would change the shared client and be lost at the next swap";
        managed.put("shutdown", lifecycle);
        for (String method : new String[]{"addServer", "removeServer"}) {
            managed.put(method, "set the url or the servers key under attached.<name>. instead");
        }
        managed.put("setOpTimeout", "set the timeout key under attached.<name>. instead");
        managed.put("setConnectTimeout", "set the connect-timeout key under attached.<name>. instead");
        managed.put("setConnectionPoolSize", "set the pool-size key under attached.<name>. instead");
        for (String method : new String[]{"setAuthInfoMap", "getAuthInfoMap", "getAuthInfoStringMap"}) {
            managed.put(method, "credentials are set by the username and password keys under attached.<name>.");
        }
        for (String method : new String[]{"setMergeFactor", "setOptimizeGet", "setOptimizeMergeBuffer",
                "setBufferAllocator", "setTranscoder", "setHealSessionInterval", "setEnableHealSession",
                "setPrimitiveAsString", "setEnableHeartBeat", "setSanitizeKeys", "setName", "setFailureMode",
                "setKeyProvider", "setTimeoutExceptionThreshold", "addStateListener", "removeStateListener"}) {
            managed.put(method, lost);
        }
        return Map.copyOf(managed);
    }
}
