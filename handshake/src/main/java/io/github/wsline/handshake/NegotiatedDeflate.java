package io.github.wsline.handshake;

import io.github.wsline.codec.PerMessageDeflate;
import io.github.wsline.codec.WebSocketConfig;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;

/** permessage-deflate as both ends agreed on it for one connection: RSV1, and the codec's inflater and deflater. */
record NegotiatedDeflate(WebSocketExtensionData agreed, PerMessageDeflate codec) implements NegotiatedExtension {
    @Override
    public int rsvBits() {
        return WebSocketConfig.RSV1; // RFC 7692 §6: the "Per-Message Compressed" bit
    }

    @Override
    public void install(ChannelPipeline pipeline) {
        codec.install(pipeline);
    }
}
