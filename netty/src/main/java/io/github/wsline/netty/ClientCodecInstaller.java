package io.github.wsline.netty;

import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.handshake.ClientHandshake;
import io.github.wsline.handshake.NegotiatedExtension;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;

/**
 * What {@link ClientHandshaker} gives Netty's {@code finishHandshake} as the frame decoder to put behind the HTTP
 * codec: once in the pipeline, it puts wsline's codec and the agreed extensions in its place and leaves, taking the
 * encoder placeholder and the compression handler with it. The HTTP decoder, which Netty removes a moment later,
 * hands its unread bytes (frames behind the 101) to wsline's frame decoder, now right behind it.
 */
final class ClientCodecInstaller extends ChannelInboundHandlerAdapter implements WebSocketFrameDecoder {
    static final String CONNECTION_HANDLER_NAME = "wsline-protocol";

    private final ClientHandshake.Accepted accepted;

    ClientCodecInstaller(ClientHandshake.Accepted accepted) {
        this.accepted = accepted;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(ctx.name(), CONNECTION_HANDLER_NAME, new WebSocketConnectionHandler(accepted.codec()));
        for (NegotiatedExtension extension : accepted.extensions()) {
            extension.install(pipeline);
        }
        removeIfPresent(pipeline, ClientEncoderPlaceholder.class);
        removeIfPresent(pipeline, WslineClientCompressionHandler.class);
        pipeline.remove(this);
    }

    private static void removeIfPresent(ChannelPipeline pipeline, Class<? extends ChannelHandler> type) {
        if (pipeline.get(type) != null) {
            pipeline.remove(type);
        }
    }
}
