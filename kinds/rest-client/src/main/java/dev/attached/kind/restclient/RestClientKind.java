package dev.attached.kind.restclient;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import dev.attached.ResourceHandle;
import dev.attached.spi.ResourceKind;

/**
 * HTTP APIs through MicroProfile Rest Client: inject any Rest Client interface with {@code @AttachedResource}
 *
 * <pre>
 * &#64;Inject &#64;AttachedResource("shipping-api") ShippingClient shipping;
 * </pre>
 *
 * configured by an {@code http://} or {@code https://} url ({@code attached.shipping-api.url}), with credentials
 * sent as HTTP Basic or a bearer token and further headers (see {@link RestClientSettings} for the keys). Which
 * interfaces it serves is said in {@link RestInterfaces}. A generation builds one client per interface on first
 * use with {@code RestClientBuilder}; its readiness probe is one HTTP request ({@link HealthProbe}).
 */
public final class RestClientKind implements ResourceKind<RestClientSettings, RestClients> {

    /**
     * Touched when the kind is loaded, so that without the Rest Client and Jakarta REST APIs (a server without the
     * feature) loading it fails and Attached skips the kind, instead of failing a deployment later.
     */
    @SuppressWarnings("unused")
    private static final List<Class<?>> API = List.of(RestClientBuilder.class, ProcessingException.class);

    @Override
    public String name() {
        return "rest-client";
    }

    @Override
    public Class<RestClients> type() {
        return RestClients.class;
    }

    /** None: the kind serves a family of interfaces, see {@link #serves}. */
    @Override
    public Set<Type> types() {
        return Set.of();
    }

    @Override
    public boolean serves(Type type) {
        return RestInterfaces.isRestClient(type);
    }

    @Override
    public Set<String> keys() {
        return RestClientSettings.KEYS;
    }

    @Override
    public RestClientSettings configure(ResourceHandle handle, List<String> problems) {
        return RestClientSettings.read(handle, problems);
    }

    /** Builds nothing yet: each interface's client is built on its first call. */
    @Override
    public RestClients open(RestClientSettings settings) {
        return RestClients.open(settings);
    }

    @Override
    public Map<String, Object> probe(RestClients resource, Duration timeout) throws Exception {
        return resource.probe(timeout);
    }

    /** Asynchronous calls ({@code CompletionStage}) sent and not answered yet. */
    @Override
    public int inUse(RestClients resource) {
        return resource.async().pending();
    }

    @Override
    public void retiring(RestClients resource, Runnable released) {
        resource.async().onRelease(released);
    }

    @Override
    public void close(RestClients resource) throws Exception {
        resource.close();
    }

    /** The generation's client of the injected interface; built on the first call, then one map lookup. */
    @Override
    public Object view(RestClients resource, Type type) {
        return resource.client((Class<?>) type);
    }

    @Override
    public RestClients detached(String message) {
        return RestClients.detached(message);
    }
}
