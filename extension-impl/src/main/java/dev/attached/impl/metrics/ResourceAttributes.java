package dev.attached.impl.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import dev.attached.AttachedResources;

/**
 * The attribute keys of every instrument and the attributes that name a resource. Only names, kinds and fixed
 * words: never a location or an error text, which may be of unbounded variety or carry what should stay private.
 */
final class ResourceAttributes {

    static final AttributeKey<String> RESOURCE = AttributeKey.stringKey("attached.resource");
    static final AttributeKey<String> KIND = AttributeKey.stringKey("attached.kind");
    /** attached, detached or failed: on {@code attached.resource.state}. */
    static final AttributeKey<String> STATE = AttributeKey.stringKey("attached.state");
    /** success or failure on swaps, up or down on probes. */
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("attached.outcome");
    static final AttributeKey<Boolean> CUT = AttributeKey.booleanKey("attached.drain.cut");
    /** The semantic conventions' pool name: the resource name. */
    static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("db.client.connection.pool.name");
    static final AttributeKey<String> CONNECTION_STATE = AttributeKey.stringKey("db.client.connection.state");
    static final AttributeKey<String> POOL_STATE = AttributeKey.stringKey("attached.pool.state");

    private final AttachedResources resources;
    private final Map<String, Attributes> byName = new ConcurrentHashMap<>();

    ResourceAttributes(AttachedResources resources) {
        this.resources = resources;
    }

    /** {@code attached.resource} and {@code attached.kind}; a name's kind never changes, so it is read once. */
    Attributes of(String name) {
        return byName.computeIfAbsent(name,
                n -> Attributes.of(RESOURCE, n, KIND, resources.status(n).kind()));
    }

    Attributes of(String name, AttributeKey<String> key, String value) {
        return of(name).toBuilder().put(key, value).build();
    }
}
