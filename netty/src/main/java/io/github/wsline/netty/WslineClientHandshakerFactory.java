package io.github.wsline.netty;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * In place of Netty's {@code WebSocketClientHandshakerFactory}: the same {@code newHandshaker} overloads, returning a
 * Netty {@link WebSocketClientHandshaker} that runs wsline's handshake and installs wsline's codec. The application
 * keeps its Netty code as it is:
 * <pre>{@code
 * WebSocketClientHandshaker handshaker = WslineClientHandshakerFactory.newHandshaker(
 *         uri, WebSocketVersion.V13, null, true, new DefaultHttpHeaders());
 * // channelActive: handshaker.handshake(ctx.channel());
 * // channelRead:   if (!handshaker.isHandshakeComplete()) handshaker.finishHandshake(ch, (FullHttpResponse) msg);
 * }</pre>
 * The handshaker can also be given to Netty's own {@code WebSocketClientProtocolHandler}.
 *
 * <p>As on Netty, the application sees every frame, Ping, Pong and Close included, and answers Pings itself. Unlike
 * Netty, wsline's codec answers the server's Close (RFC 6455 §5.5.1) before passing it on, so the application's own
 * answer, when it writes one, is dropped and its write succeeds; it always masks (§5.3: a client "MUST mask"), so
 * {@code performMasking} is ignored, and it refuses masked frames from the server (§5.1), so
 * {@code allowMaskMismatch} is ignored; RSV bits are accepted for the extensions agreed on, so
 * {@code allowExtensions} is ignored too. Only {@link WebSocketVersion#V13} is supported.
 */
public final class WslineClientHandshakerFactory {
    private static final int DEFAULT_MAX_FRAME_PAYLOAD_LENGTH = 65536;
    /** Netty's factory: no force-close timer unless one is asked for. */
    private static final long NO_FORCE_CLOSE = -1;

    private WslineClientHandshakerFactory() {
    }

    /**
     * {@return a handshaker with frames up to 65,536 bytes}
     *
     * @param webSocketURL    the URL to connect to, {@code ws://} or {@code wss://}
     * @param version         the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol     the subprotocols to offer, separated by commas, or null
     * @param allowExtensions ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders   headers to add to the request, or null
     * @throws WebSocketClientHandshakeException if {@code version} is not V13
     */
    public static WebSocketClientHandshaker newHandshaker(
            URI webSocketURL, WebSocketVersion version, String subprotocol,
            boolean allowExtensions, HttpHeaders customHeaders) {
        return newHandshaker(webSocketURL, version, subprotocol, allowExtensions, customHeaders,
                DEFAULT_MAX_FRAME_PAYLOAD_LENGTH);
    }

    /**
     * {@return a handshaker}
     *
     * @param webSocketURL          the URL to connect to, {@code ws://} or {@code wss://}
     * @param version               the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol           the subprotocols to offer, separated by commas, or null
     * @param allowExtensions       ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders         headers to add to the request, or null
     * @param maxFramePayloadLength the largest frame payload accepted, in bytes
     * @throws WebSocketClientHandshakeException if {@code version} is not V13
     */
    public static WebSocketClientHandshaker newHandshaker(
            URI webSocketURL, WebSocketVersion version, String subprotocol,
            boolean allowExtensions, HttpHeaders customHeaders, int maxFramePayloadLength) {
        return newHandshaker(webSocketURL, version, subprotocol, allowExtensions, customHeaders,
                maxFramePayloadLength, true, false);
    }

    /**
     * {@return a handshaker}
     *
     * @param webSocketURL          the URL to connect to, {@code ws://} or {@code wss://}
     * @param version               the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol           the subprotocols to offer, separated by commas, or null
     * @param allowExtensions       ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders         headers to add to the request, or null
     * @param maxFramePayloadLength the largest frame payload accepted, in bytes
     * @param performMasking        ignored: a client always masks (RFC 6455 §5.3)
     * @param allowMaskMismatch     ignored: a masked frame from the server fails the connection (RFC 6455 §5.1)
     * @throws WebSocketClientHandshakeException if {@code version} is not V13
     */
    public static WebSocketClientHandshaker newHandshaker(
            URI webSocketURL, WebSocketVersion version, String subprotocol,
            boolean allowExtensions, HttpHeaders customHeaders, int maxFramePayloadLength,
            boolean performMasking, boolean allowMaskMismatch) {
        return newHandshaker(webSocketURL, version, subprotocol, allowExtensions, customHeaders,
                maxFramePayloadLength, performMasking, allowMaskMismatch, NO_FORCE_CLOSE);
    }

    /**
     * {@return a handshaker}
     *
     * @param webSocketURL            the URL to connect to, {@code ws://} or {@code wss://}
     * @param version                 the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol             the subprotocols to offer, separated by commas, or null
     * @param allowExtensions         ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders           headers to add to the request, or null
     * @param maxFramePayloadLength   the largest frame payload accepted, in bytes
     * @param performMasking          ignored: a client always masks (RFC 6455 §5.3)
     * @param allowMaskMismatch       ignored: a masked frame from the server fails the connection (RFC 6455 §5.1)
     * @param forceCloseTimeoutMillis how long {@code close(...)} waits for the server to close TCP before closing it,
     *                                none if zero or negative
     * @throws WebSocketClientHandshakeException if {@code version} is not V13
     */
    public static WebSocketClientHandshaker newHandshaker(
            URI webSocketURL, WebSocketVersion version, String subprotocol,
            boolean allowExtensions, HttpHeaders customHeaders, int maxFramePayloadLength,
            boolean performMasking, boolean allowMaskMismatch, long forceCloseTimeoutMillis) {
        return newHandshaker(webSocketURL, version, subprotocol, allowExtensions, customHeaders,
                maxFramePayloadLength, performMasking, allowMaskMismatch, forceCloseTimeoutMillis, false);
    }

    /**
     * {@return a handshaker}
     *
     * @param webSocketURL            the URL to connect to, {@code ws://} or {@code wss://}
     * @param version                 the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol             the subprotocols to offer, separated by commas, or null
     * @param allowExtensions         ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders           headers to add to the request, or null
     * @param maxFramePayloadLength   the largest frame payload accepted, in bytes
     * @param performMasking          ignored: a client always masks (RFC 6455 §5.3)
     * @param allowMaskMismatch       ignored: a masked frame from the server fails the connection (RFC 6455 §5.1)
     * @param forceCloseTimeoutMillis how long {@code close(...)} waits for the server to close TCP before closing it,
     *                                none if zero or negative
     * @param absoluteUpgradeUrl      whether the request line carries the whole URL, as for a proxy, instead of its
     *                                path and query
     * @throws WebSocketClientHandshakeException if {@code version} is not V13
     */
    public static WebSocketClientHandshaker newHandshaker(
            URI webSocketURL, WebSocketVersion version, String subprotocol,
            boolean allowExtensions, HttpHeaders customHeaders, int maxFramePayloadLength,
            boolean performMasking, boolean allowMaskMismatch, long forceCloseTimeoutMillis,
            boolean absoluteUpgradeUrl) {
        return newHandshaker(webSocketURL, version, subprotocol, allowExtensions, customHeaders,
                maxFramePayloadLength, performMasking, allowMaskMismatch, forceCloseTimeoutMillis, absoluteUpgradeUrl,
                true);
    }

    /**
     * {@return a handshaker}
     *
     * @param webSocketURL            the URL to connect to, {@code ws://} or {@code wss://}
     * @param version                 the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol             the subprotocols to offer, separated by commas, or null
     * @param allowExtensions         ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders           headers to add to the request, or null
     * @param maxFramePayloadLength   the largest frame payload accepted, in bytes
     * @param performMasking          ignored: a client always masks (RFC 6455 §5.3)
     * @param allowMaskMismatch       ignored: a masked frame from the server fails the connection (RFC 6455 §5.1)
     * @param forceCloseTimeoutMillis how long {@code close(...)} waits for the server to close TCP before closing it,
     *                                none if zero or negative
     * @param absoluteUpgradeUrl      whether the request line carries the whole URL, as for a proxy, instead of its
     *                                path and query
     * @param generateOriginHeader    whether to send an {@code Origin} made from the URL when the custom headers
     *                                have none
     * @throws WebSocketClientHandshakeException if {@code version} is not V13
     */
    public static WebSocketClientHandshaker newHandshaker(
            URI webSocketURL, WebSocketVersion version, String subprotocol,
            boolean allowExtensions, HttpHeaders customHeaders, int maxFramePayloadLength,
            boolean performMasking, boolean allowMaskMismatch, long forceCloseTimeoutMillis,
            boolean absoluteUpgradeUrl, boolean generateOriginHeader) {
        return new ClientHandshaker(webSocketURL, version, subprotocol, customHeaders, forceCloseTimeoutMillis,
                absoluteUpgradeUrl, generateOriginHeader, ClientCodecs.forHandshaker(maxFramePayloadLength));
    }
}
