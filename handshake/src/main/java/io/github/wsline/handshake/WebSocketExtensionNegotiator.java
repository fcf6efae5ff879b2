package io.github.wsline.handshake;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.util.List;
import java.util.Optional;

/**
 * The server side of one extension, such as permessage-deflate (RFC 7692): it sees the client's offers of that
 * extension and accepts one of them, or none. Offers of extensions no negotiator knows are ignored and never echoed
 * (RFC 6455 §9.1: the server answers only with extensions it supports).
 */
public interface WebSocketExtensionNegotiator {
    /**
     * {@return the extension's token in {@code Sec-WebSocket-Extensions}, e.g. {@code permessage-deflate}} It is
     * matched ignoring case.
     */
    String name();

    /**
     * Decides on the client's offers of this extension, given in the client's order of preference (§9.1), never
     * empty. Returns the accepted extension, or empty to decline them all.
     *
     * @param offers the offers of this extension, each with its parameters
     * @return the accepted offer as agreed, or empty
     */
    Optional<NegotiatedExtension> negotiate(List<WebSocketExtensionData> offers);
}
