package dev.attached.kind.redis;

import java.util.Collection;

import io.lettuce.core.protocol.CommandEncoder;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * Lettuce's {@link CommandEncoder} without its TRACE output. At TRACE, Lettuce's encoder logs every byte it sends,
 * and the connection handshake sends the password ({@code HELLO 3 AUTH user password}, {@code AUTH password}). This
 * encoder writes the same bytes and logs only what Lettuce logs at DEBUG (the command type, never its arguments). It
 * replaces Lettuce's in a channel's pipeline only when TRACE is on for Lettuce's encoder, so with any other log
 * level the pipeline is exactly Lettuce's.
 */
final class QuietEncoder extends CommandEncoder {

    private static final InternalLogger LETTUCE_ENCODER_LOG = InternalLoggerFactory.getInstance(CommandEncoder.class);

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof RedisCommand<?, ?, ?> command) {
            encode(ctx, out, command);
        } else if (msg instanceof Collection<?> commands) {
            for (Object command : commands) {
                encode(ctx, out, (RedisCommand<?, ?, ?>) command);
            }
        }
    }

    private static void encode(ChannelHandlerContext ctx, ByteBuf out, RedisCommand<?, ?, ?> command) {
        try {
            out.markWriterIndex();
            command.encode(out);
        } catch (RuntimeException e) {
            ctx.close();
            throw new EncoderException(
                    "Cannot encode command. Closing the connection as the connection state may be out of sync.", e);
        }
        if (LETTUCE_ENCODER_LOG.isDebugEnabled()) {
            LETTUCE_ENCODER_LOG.debug("[{}] writing command {}", ctx.channel(), command);
        }
    }

    /** Whether Lettuce's own encoder would log the bytes it sends on a channel created now. */
    static boolean needed() {
        return LETTUCE_ENCODER_LOG.isTraceEnabled();
    }
}
