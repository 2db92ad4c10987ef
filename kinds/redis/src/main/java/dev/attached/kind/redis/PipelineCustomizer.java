package dev.attached.kind.redis;

import java.util.function.Consumer;

import io.lettuce.core.protocol.CommandEncoder;
import io.lettuce.core.protocol.RedisHandshakeHandler;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * What a generation adds to each channel Lettuce opens for it: the {@link QuietEncoder} where Lettuce's encoder
 * would log the password, and a watch on the handshake that keeps the reason it failed.
 * <p>
 * The watch works around a race in Lettuce 7.7: when the handshake fails fast (a wrong password on a nearby server)
 * the channel may be closed before Lettuce looks for its handshake handler, and the connect then fails with
 * "RedisHandshakeHandler not registered" instead of the server's answer. The handler's own future still fails with
 * that answer before the handler is removed, so it is kept here and reported instead.
 */
final class PipelineCustomizer implements NettyCustomizer {

    private final Consumer<Throwable> handshakeFailed;

    PipelineCustomizer(Consumer<Throwable> handshakeFailed) {
        this.handshakeFailed = handshakeFailed;
    }

    @Override
    public void afterChannelInitialized(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (QuietEncoder.needed()) {
            ChannelHandlerContext encoder = pipeline.context(CommandEncoder.class);
            if (encoder != null && !(encoder.handler() instanceof QuietEncoder)) {
                pipeline.replace(encoder.name(), encoder.name(), new QuietEncoder());
            }
        }
        RedisHandshakeHandler handshake = pipeline.get(RedisHandshakeHandler.class);
        if (handshake != null) {
            handshake.channelInitialized().whenComplete((ok, failure) -> {
                if (failure != null) {
                    handshakeFailed.accept(failure);
                }
            });
        }
    }
}
