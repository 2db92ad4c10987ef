package dev.attached.kind.memcached.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;

import net.rubyeye.xmemcached.MemcachedClient;

/** A bean of the application, as a user writes it. */
@ApplicationScoped
public class CacheUser {

    @Inject
    @AttachedResource("cache")
    MemcachedClient cache;

    @Inject
    @AttachedResource("cache")
    Instance<MemcachedClient> instance;

    public MemcachedClient cache() {
        return cache;
    }

    public MemcachedClient fromInstance() {
        return instance.get();
    }
}
