package dev.attached.kind.redis.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.attached.AttachedResource;

/** An application bean, injected as a user would write it. */
@ApplicationScoped
public class Cache {

    @Inject
    @AttachedResource("cache")
    RedisCommands<String, String> commands;

    @Inject
    @AttachedResource("cache")
    StatefulRedisConnection<String, String> connection;

    public RedisCommands<String, String> commands() {
        return commands;
    }

    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }
}
