package io.github.wsline.netty;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.handshake.WebSocketExtensionNegotiator;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.util.Arrays;
import java.util.List;

/**
 * Netty's server settings in wsline's terms, shared by the protocol handler and the handshakers.
 *
 * <p>Netty's {@code maxFramePayloadLength} (65,536 bytes by default) bounds each frame, and Netty delivers a
 * fragmented message as its fragments, however many. wsline delivers every message whole (which fixes the fragment
 * bugs of applications that read only the first frame of a message), so it also needs a bound on the whole message,
 * which Netty has not: {@link #messageLimit(int)} gives 1 MiB, or the frame limit when that is larger. No message of
 * one frame that Netty delivers is refused; a message in fragments is refused with 1009 only past 1 MiB.
 */
final class ServerSettings {
    private ServerSettings() {
    }

    /** The largest whole message: the frame limit, and never less than wsline's default of 1 MiB. */
    static int messageLimit(int maxFramePayloadLength) {
        return Math.max(maxFramePayloadLength, WebSocketConfig.DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * The codec of a connection: Netty's frame limit, what reaches the application besides data, and the Close sent
     * when the application closes the channel (null for none).
     */
    static WebSocketConfig codec(WebSocketDecoderConfig decoder, boolean deliverPings, boolean deliverPongs,
                                 boolean deliverCloses, WebSocketCloseStatus closeOnChannelClose) {
        return WebSocketConfig.builder()
                .maxFramePayloadLength(decoder.maxFramePayloadLength())
                .maxMessageSize(messageLimit(decoder.maxFramePayloadLength()))
                .deliverPingFrames(deliverPings)
                .deliverPongFrames(deliverPongs)
                .deliverCloseFrames(deliverCloses)
                .closeStatusOnChannelClose(closeOnChannelClose)
                .build();
    }

    /**
     * The handshake's settings: any origin (Netty checks none), the subprotocol chosen as Netty chooses it (null for
     * none), permessage-deflate when a {@link WslineServerCompressionHandler} is in the pipeline. The route is never
     * consulted: the caller decided that the request is for WebSocket.
     */
    static WebSocketServerConfig handshake(String subprotocol, WebSocketConfig codec, ChannelPipeline pipeline) {
        WslineServerCompressionHandler compression = pipeline.get(WslineServerCompressionHandler.class);
        WebSocketExtensionNegotiator[] extensions = compression == null
                ? new WebSocketExtensionNegotiator[0]
                : new WebSocketExtensionNegotiator[] {compression.negotiator()};
        return WebSocketServerConfig.builder()
                .prefixRoute("/")
                .allowedOrigins("*")
                .subprotocols(subprotocol == null ? new String[0] : new String[] {subprotocol})
                .extensions(extensions)
                .codec(codec)
                .build();
    }

    /**
     * Removes what serves HTTP only, at the upgrade, as Netty's handshaker does: {@code HttpObjectAggregator} and
     * {@code HttpContentCompressor} (which would take frames for HTTP content), and the compression handler, whose
     * settings the handshake has used.
     */
    static void removeHttpOnlyHandlers(ChannelPipeline pipeline) {
        for (Class<? extends ChannelHandler> type : List.of(HttpObjectAggregator.class, HttpContentCompressor.class,
                WslineServerCompressionHandler.class)) {
            if (pipeline.get(type) != null) {
                pipeline.remove(type);
            }
        }
    }

    /**
     * Netty's choice (RFC 6455 §4.2.2 item 5.4 leaves it to the server): the first of the client's offers that the
     * server speaks, {@code "*"} among the server's standing for any; null for none.
     *
     * @param offered   the request's {@code Sec-WebSocket-Protocol}, or null
     * @param supported the server's, separated by commas, or null
     */
    static String selectSubprotocol(String offered, String supported) {
        if (offered == null || supported == null) {
            return null;
        }
        List<String> spoken = Arrays.stream(supported.split(",")).map(String::trim).toList();
        for (String candidate : offered.split(",")) {
            String protocol = candidate.trim();
            if (spoken.contains(protocol) || spoken.contains(WebSocketServerHandshaker.SUB_PROTOCOL_WILDCARD)) {
                return protocol;
            }
        }
        return null;
    }
}
