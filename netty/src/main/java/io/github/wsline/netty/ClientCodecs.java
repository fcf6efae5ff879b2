package io.github.wsline.netty;

import io.github.wsline.codec.WebSocketConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;

/** The codec configurations of the client drop-ins: Netty's frame limit, and which control frames reach the application. */
final class ClientCodecs {
    private ClientCodecs() {
    }

    /**
     * For a handshaker's application, which handles control frames itself as on Netty: Pings (it answers them),
     * Pongs and the server's Close (which the codec has already answered, RFC 6455 §5.5.1) reach it.
     */
    static WebSocketConfig forHandshaker(int maxFramePayloadLength) {
        return withFrameLimit(maxFramePayloadLength)
                .deliverPingFrames(true)
                .deliverPongFrames(true)
                .deliverCloseFrames(true)
                .build();
    }

    /**
     * For a protocol handler's application: the codec answers Pings; Pongs and the server's Close reach the
     * application unless Netty's {@code dropPongFrames} and {@code handleCloseFrames} say to consume them; closing the
     * channel sends a Close with Netty's {@code sendCloseFrame} status first, if there is one.
     */
    static WebSocketConfig forProtocolHandler(WebSocketClientProtocolConfig config) {
        return withFrameLimit(config.maxFramePayloadLength())
                .deliverPongFrames(!config.dropPongFrames())
                .deliverCloseFrames(!config.handleCloseFrames())
                .closeStatusOnChannelClose(config.sendCloseFrame())
                .build();
    }

    /** Netty limits frames only; wsline aggregates messages, which it limits to 1 MiB or one frame if larger. */
    private static WebSocketConfig.Builder withFrameLimit(int maxFramePayloadLength) {
        return WebSocketConfig.builder()
                .maxFramePayloadLength(maxFramePayloadLength)
                .maxMessageSize(Math.max(WebSocketConfig.DEFAULT_MAX_MESSAGE_SIZE, maxFramePayloadLength));
    }
}
