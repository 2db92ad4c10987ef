package dev.attached.kind.restclient;

import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.Priorities;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds the client of one interface for one generation with {@code RestClientBuilder}, so any MicroProfile Rest
 * Client implementation works: the server's (Open Liberty's, WildFly's and Payara's RESTEasy-based ones) or the one
 * an application brings.
 */
final class ClientFactory {

    private final RestClientSettings settings;

    ClientFactory(RestClientSettings settings) {
        this.settings = settings;
    }

    /**
     * {@code RestClientBuilder.newBuilder()} finds the implementation through the thread context class loader: that
     * of the application thread whose first call builds the client. A thread without one (a thread of a library's
     * own) gets the interface's class loader for the build.
     */
    <T> T build(Class<T> type) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous == null) {
            thread.setContextClassLoader(type.getClassLoader());
        }
        try {
            return builder().build(type);
        } finally {
            if (previous == null) {
                thread.setContextClassLoader(null);
            }
        }
    }

    private RestClientBuilder builder() {
        RestClientBuilder builder = RestClientBuilder.newBuilder().baseUri(settings.baseUri());
        settings.connectTimeout().ifPresent(d -> builder.connectTimeout(d.toMillis(), TimeUnit.MILLISECONDS));
        settings.readTimeout().ifPresent(d -> builder.readTimeout(d.toMillis(), TimeUnit.MILLISECONDS));
        settings.followRedirects().ifPresent(builder::followRedirects);
        settings.proxy().ifPresent(p -> builder.proxyAddress(p.host(), p.port()));
        settings.queryParamStyle().ifPresent(builder::queryParamStyle);
        settings.properties().forEach(builder::property);
        if (!settings.headers().values().isEmpty()) {
            builder.register(new ConfiguredHeaders(settings.headers()), Priorities.AUTHENTICATION);
        }
        return builder;
    }
}
