package io.github.wsline.handshake;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.util.List;
import java.util.Optional;

/**
 * The user event a route's handler receives once the server has answered 101 (on HTTP/2, 200) and the channel speaks
 * WebSocket: who connected, and what was agreed. It arrives before the first frame.
 */
public final class WebSocketHandshakeCompleted {
    private final WebSocketRequest request;
    private final Optional<String> subprotocol;
    private final List<WebSocketExtensionData> extensions;
    private final boolean http2;

    WebSocketHandshakeCompleted(WebSocketRequest request, Optional<String> subprotocol,
                                List<WebSocketExtensionData> extensions, boolean http2) {
        this.request = request;
        this.subprotocol = subprotocol;
        this.extensions = List.copyOf(extensions);
        this.http2 = http2;
    }

    /** {@return the handshake request: path, query parameters, headers, cookies} */
    public WebSocketRequest request() {
        return request;
    }

    /** {@return the subprotocol the server chose from the client's offers (RFC 6455 §4.2.2), if any} */
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    /** {@return the extensions agreed on, in the order they apply (RFC 6455 §9.1)} */
    public List<WebSocketExtensionData> extensions() {
        return extensions;
    }

    /**
     * {@return whether the WebSocket runs on an HTTP/2 stream, opened by an extended CONNECT (RFC 8441), rather than
     * on a connection of its own upgraded from HTTP/1.1 (RFC 6455 §4)}
     */
    public boolean isHttp2() {
        return http2;
    }

    @Override
    public String toString() {
        return "WebSocketHandshakeCompleted{uri=" + request.uri() + ", subprotocol=" + subprotocol.orElse("none")
                + (http2 ? ", h2" : "") + '}';
    }
}
