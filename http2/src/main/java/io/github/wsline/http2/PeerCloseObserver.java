package io.github.wsline.http2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * Sits right in front of the codec's connection handler and tells the {@link StreamFrameAdapter} when the peer's
 * Close arrives: from then on the codec answers it (or it answers ours), so the closing handshake is complete by the
 * time the codec closes the stream, which then ends with END_STREAM rather than a reset (RFC 8441 §5).
 */
final class PeerCloseObserver extends ChannelInboundHandlerAdapter {
    private final StreamFrameAdapter adapter;

    PeerCloseObserver(StreamFrameAdapter adapter) {
        this.adapter = adapter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame) {
            adapter.peerCloseReceived();
        }
        ctx.fireChannelRead(msg);
    }
}
