package dev.attached.kind.redis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;
import io.lettuce.core.protocol.RedisCommand;

/**
 * The commands a generation has sent and not yet had answered. A call through an injected reference is counted by
 * Attached while it runs; a command sent with {@code async()} or {@code reactive()} outlives the call that sent it,
 * and is counted here, so a replaced generation stays open until its answer has come back.
 */
final class InFlight implements CommandListener {

    private final Set<RedisCommand<?, ?, ?>> commands = ConcurrentHashMap.newKeySet();
    private volatile Runnable released;

    @Override
    public void commandStarted(CommandStartedEvent event) {
        commands.add(event.getCommand());
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        done(event.getCommand());
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        done(event.getCommand());
    }

    private void done(RedisCommand<?, ?, ?> command) {
        commands.remove(command);
        Runnable r = released;
        if (r != null) {
            r.run();
        }
    }

    /** Commands not answered yet; a command cancelled by its caller gets no event and is dropped here. */
    int count() {
        if (commands.isEmpty()) {
            return 0;
        }
        commands.removeIf(command -> command.isDone() || command.isCancelled());
        return commands.size();
    }

    /** From now on {@code released} runs whenever a command is answered. */
    void onRelease(Runnable released) {
        this.released = released;
    }
}
