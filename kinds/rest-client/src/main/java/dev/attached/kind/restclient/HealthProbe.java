package dev.attached.kind.restclient;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.attached.spi.SettingValues;

/**
 * The readiness probe of one generation: one HTTP request to the health URI (the base URI unless
 * {@code health.path} says otherwise) with the resource's credentials and headers, answered within the probe's
 * timeout. UP when the status is one of {@code health.up-status} (by default any answer below 500: an API that
 * answers 401 to a bare request is reachable, and the data says {@code status=401}). It uses the JDK's
 * {@link HttpClient}, so it works the same under every Rest Client implementation; redirects are not followed (a
 * 3xx is an answer). Only the status line and headers are waited for; the body is not read.
 */
final class HealthProbe {

    /** The JDK's HttpClient sets these itself and refuses them from callers. */
    private static final Set<String> RESTRICTED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        RESTRICTED.addAll(Set.of("connection", "content-length", "expect", "host", "upgrade"));
    }

    private final RestClientSettings settings;
    private HttpClient client;

    HealthProbe(RestClientSettings settings) {
        this.settings = settings;
    }

    Map<String, Object> probe(Duration timeout) throws ProbeException, InterruptedException {
        HealthSettings health = settings.health();
        String request = health.method() + " " + health.uri();
        HttpRequest.Builder builder = HttpRequest.newBuilder(health.uri())
                .timeout(timeout)
                .method(health.method(), HttpRequest.BodyPublishers.noBody());
        settings.headers().values().forEach((name, value) -> {
            if (!RESTRICTED.contains(name)) {
                builder.header(name, value);
            }
        });
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<InputStream>> answer = client(timeout).sendAsync(builder.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProbeException("no answer within " + SettingValues.format(timeout) + " to " + request);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                // the client's own connect timeout may fire first: the same outcome, said the same way
                throw new ProbeException("no answer within " + SettingValues.format(timeout) + " to " + request);
            }
            throw new ProbeException(request + " failed: " + reason(e.getCause(), timeout), e.getCause());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        try (InputStream body = response.body()) {
            // not read: closing it lets the connection go
        } catch (java.io.IOException e) {
            // the status is all the probe needs
        }
        int status = response.statusCode();
        if (!health.upStatuses().isUp(status)) {
            throw new ProbeException(request + " answered " + status + ", and UP is " + health.upStatuses());
        }
        return Map.of("status", status, "probe", health.method() + " " + health.uri().getRawPath(),
                "response-millis", millis);
    }

    /** One client per generation, made on the first probe: nothing is started before it is needed. */
    private synchronized HttpClient client(Duration timeout) {
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(timeout);
            settings.proxy().ifPresent(p -> builder.proxy(ProxySelector.of(new InetSocketAddress(p.host(), p.port()))));
            client = builder.build();
        }
        return client;
    }

    /** Stops the probe's client; Java 21 and later can shut one down, before that it ends when unreachable. */
    synchronized void close() {
        if (client != null) {
            try {
                Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
                shutdownNow.invoke(client);
            } catch (ReflectiveOperationException e) {
                // Java 17: no way to shut a client down, and nothing to
            }
            client = null;
        }
    }

    /** The most precise message in a chain of causes: {@code ConnectException: Connection refused}. */
    private static String reason(Throwable error, Duration timeout) {
        if (error instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + SettingValues.format(timeout);
        }
        Throwable precise = error;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                precise = t;
            }
        }
        String message = precise.getMessage();
        String type = precise.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
