package io.github.wsline.handshake;

import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;

/** The client side of one extension: what to offer in the request, and checking what the server accepted. */
public interface WebSocketClientExtensionNegotiator {
    /**
     * {@return the offer for {@code Sec-WebSocket-Extensions}, e.g. {@code permessage-deflate; client_max_window_bits}}
     */
    WebSocketExtensionData offer();

    /**
     * The server accepted the offer with these parameters (RFC 6455 §9.1). Returns what to install, or throws
     * {@link WebSocketHandshakeException} when the parameters are not acceptable, which fails the handshake.
     *
     * @param response the extension as the server's 101 names it, with its parameters
     * @return the extension as agreed, to install in the pipeline
     * @throws WebSocketHandshakeException if the client cannot accept the parameters
     */
    NegotiatedExtension accept(WebSocketExtensionData response);
}
