package io.github.wsline.handshake;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;

/**
 * An extension both ends agreed on for one connection (RFC 6455 §9): what the 101 says about it, the RSV bits its
 * frames may carry, and the handlers that implement it.
 */
public interface NegotiatedExtension {
    /**
     * {@return the extension with its agreed parameters} The server sends it in the 101's
     * {@code Sec-WebSocket-Extensions}, the client received it there.
     */
    WebSocketExtensionData agreed();

    /**
     * {@return the RSV bits ({@code WebSocketConfig.RSV1} and so on) that the extension gives a meaning to} The frame
     * decoder accepts them ({@code WebSocketConfig.allowedRsvBits}). Two extensions of one connection cannot share a
     * bit.
     */
    int rsvBits();

    /**
     * Adds the extension's handlers. It is called once the codec is in the pipeline and before any frame is read, so
     * an inflater can go right after {@code WebSocketConnectionHandler.DECODER_NAME} and a deflater right after
     * {@code WebSocketConnectionHandler.ENCODER_NAME}.
     *
     * @param pipeline the connection's pipeline, with the codec's handlers under their names
     */
    void install(ChannelPipeline pipeline);
}
