package io.github.wsline.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * What the handshakers give Netty's {@code handshake} as the frame encoder, which Netty adds to the pipeline itself:
 * wsline's codec encodes the frames, so this one leaves as soon as it is added.
 */
final class EncoderPlaceholder extends ChannelOutboundHandlerAdapter implements WebSocketFrameEncoder {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
    }
}
