package dev.attached.kind.memcached;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.attached.ResourceHandle;
import dev.attached.spi.ResourceKind;

import net.rubyeye.xmemcached.MemcachedClient;

/**
 * Memcached as an attached resource: inject XMemcached's {@link MemcachedClient} interface,
 *
 * <pre>
 * &#64;Inject &#64;AttachedResource("cache") MemcachedClient cache;
 *
 * cache.set("order:42", 3600, json);
 * </pre>
 *
 * configured by {@code attached.cache.url=memcached://host:11211} (more servers in {@code attached.cache.servers},
 * SASL credentials in the url's userinfo or {@code username} / {@code password}). The reference is Attached's
 * swap-aware proxy: each call reaches the client of the current generation, and a replaced client is shut down once
 * the calls inside it have returned and its queued no-reply commands are written.
 */
public final class MemcachedKind implements ResourceKind<MemcachedSettings, MemcachedClient> {

    @Override
    public String name() {
        return "memcached";
    }

    @Override
    public Class<MemcachedClient> type() {
        return MemcachedClient.class;
    }

    @Override
    public Set<String> keys() {
        return MemcachedSettings.KEYS;
    }

    @Override
    public MemcachedSettings configure(ResourceHandle handle, List<String> problems) {
        return MemcachedSettings.read(handle, problems);
    }

    /** Returns at once: the servers are added by a thread of the generation (see {@link ClientGeneration}). */
    @Override
    public MemcachedClient open(MemcachedSettings settings) throws Exception {
        return ClientGeneration.open(settings);
    }

    /** {@code version} to every server within the timeout; UP while at least one answers. */
    @Override
    public Map<String, Object> probe(MemcachedClient resource, Duration timeout) throws Exception {
        return ClientGeneration.of(resource).probe(timeout);
    }

    /** No-reply commands still queued for writing: they are sent before the client is shut down. */
    @Override
    public int inUse(MemcachedClient resource) {
        return ClientGeneration.of(resource).queuedNoReply();
    }

    @Override
    public void retiring(MemcachedClient resource, Runnable released) {
        ClientGeneration.of(resource).whenDrained(released);
    }

    @Override
    public void close(MemcachedClient resource) throws Exception {
        ClientGeneration.of(resource).close();
    }

    @Override
    public MemcachedClient detached(String message) {
        return DetachedClient.create(message);
    }
}
