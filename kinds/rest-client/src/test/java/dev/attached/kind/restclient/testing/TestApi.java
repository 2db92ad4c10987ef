package dev.attached.kind.restclient.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP API on 127.0.0.1 (the JDK's {@code com.sun.net.httpserver}), answering JSON under {@code /v2} with
 * its own name in every answer, so a test sees which server a call reached:
 *
 * <pre>
 * GET  /v2                 health: {@link #answerHealth(int) the status set}, 200 by default
 * GET  /v2/quotes/{id}     {"id":..,"carrier":"&lt;name&gt;","cents":1200}
 * POST /v2/quotes          {"id":..,"weightGrams":..} answered {"id":..,"carrier":"&lt;name&gt;","cents":2*weight}
 * GET  /v2/tracking/{id}   {"id":..,"status":"in-transit","server":"&lt;name&gt;"}
 * GET  /v2/slow/{id}       a quote, once {@link #releaseSlow()} is called: a request in flight
 * GET  /v2/ping            "pong"
 * </pre>
 *
 * It records the headers of the last requests and counts requests by path.
 */
public final class TestApi implements AutoCloseable {

    private static final Pattern QUOTE = Pattern.compile("/v2/quotes/([^/]+)");
    private static final Pattern TRACKING = Pattern.compile("/v2/tracking/([^/]+)");
    private static final Pattern SLOW = Pattern.compile("/v2/slow/([^/]+)");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern WEIGHT = Pattern.compile("\"weightGrams\"\\s*:\\s*(\\d+)");
    private static final int KEPT = 2000;

    /** One request as it arrived: method, path, headers by lowercase name, and body. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong kept = new AtomicLong();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile int healthStatus = 200;
    private volatile CountDownLatch slowArrived = new CountDownLatch(1);
    private volatile CountDownLatch slowRelease = new CountDownLatch(1);

    public TestApi(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-api-" + name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/v2}. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/v2";
    }

    /** The status {@code GET /v2} answers from now on. */
    public void answerHealth(int status) {
        healthStatus = status;
    }

    /** Waits until a request reached {@code /v2/slow/...}. */
    public boolean awaitSlowRequest() throws InterruptedException {
        return slowArrived.await(30, TimeUnit.SECONDS);
    }

    /** Lets every request waiting in {@code /v2/slow/...} be answered. */
    public void releaseSlow() {
        slowRelease.countDown();
    }

    /** Requests so far whose path starts with {@code prefix}. */
    public long count(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    /** The last requests (up to 2000), oldest first. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public Request lastRequest(String pathPrefix) {
        List<Request> all = requests();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).path().startsWith(pathPrefix)) {
                return all.get(i);
            }
        }
        throw new AssertionError("no request to " + pathPrefix + " reached " + name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
            if (kept.incrementAndGet() > KEPT && requests.poll() != null) {
                kept.decrementAndGet();
            }
            Matcher m;
            if (path.equals("/v2") || path.equals("/v2/")) {
                counted("/v2");
                respond(exchange, healthStatus, "{\"server\":\"" + name + "\"}");
            } else if (path.equals("/v2/ping")) {
                counted("/v2/ping");
                respond(exchange, 200, "text/plain", "pong");
            } else if (path.equals("/v2/quotes") && exchange.getRequestMethod().equals("POST")) {
                counted("/v2/quotes");
                Matcher id = ID.matcher(body);
                Matcher weight = WEIGHT.matcher(body);
                if (!id.find() || !weight.find()) {
                    respond(exchange, 400, "{\"error\":\"not a parcel\"}");
                } else {
                    respond(exchange, 200, quote(id.group(1), 2 * Integer.parseInt(weight.group(1))));
                }
            } else if ((m = QUOTE.matcher(path)).matches()) {
                counted("/v2/quotes");
                respond(exchange, 200, quote(m.group(1), 1200));
            } else if ((m = TRACKING.matcher(path)).matches()) {
                counted("/v2/tracking");
                respond(exchange, 200, "{\"id\":\"" + m.group(1) + "\",\"status\":\"in-transit\",\"server\":\""
                        + name + "\"}");
            } else if ((m = SLOW.matcher(path)).matches()) {
                counted("/v2/slow");
                CountDownLatch release = slowRelease;
                slowArrived.countDown();
                try {
                    release.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, quote(m.group(1), 1));
            } else {
                counted("other");
                respond(exchange, 404, "{\"error\":\"no such path\"}");
            }
        }
    }

    private void counted(String path) {
        counts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
    }

    private String quote(String id, int cents) {
        return "{\"id\":\"" + id + "\",\"carrier\":\"" + name + "\",\"cents\":" + cents + "}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        respond(exchange, status, "application/json", json);
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops at once, cutting open connections and answering nothing more. */
    @Override
    public void close() {
        slowRelease.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
