package io.github.wsline.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * Drop-in for Netty's {@code WebSocketServerHandshakerFactory}: the same constructors and methods, returning
 * handshakers whose {@code handshake(channel, request)} checks and negotiates as wsline does and installs wsline's
 * codec, and whose {@code close(channel, frame)} and {@code selectedSubprotocol()} work as Netty's.
 * <pre>{@code
 * WebSocketServerHandshaker handshaker = new WslineServerHandshakerFactory(url, null, true).newHandshaker(request);
 * if (handshaker == null) {
 *     WslineServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
 * } else {
 *     handshaker.handshake(ctx.channel(), request);
 * }
 * }</pre>
 *
 * <p>With this idiom the application answers Pings and Closes itself, so it receives every frame, Pings, Pongs and
 * Closes included, as it does on Netty; wsline's codec has answered the peer's Close already, and absorbs the echo the
 * application writes. A request wsline refuses makes {@code handshake} throw Netty's
 * {@code WebSocketServerHandshakeException} with wsline's reason, as Netty's handshakers throw theirs. A
 * {@link WslineServerCompressionHandler} in the pipeline makes {@code handshake(channel, request)} negotiate
 * permessage-deflate.
 */
public class WslineServerHandshakerFactory {
    private static final int DEFAULT_MAX_FRAME_PAYLOAD_LENGTH = 65536;

    private final String webSocketUrl;
    private final String subprotocols;
    private final WebSocketDecoderConfig decoderConfig;

    /**
     * A factory with Netty's default frame limit, 65,536 bytes.
     *
     * @param webSocketURL    the URL of the WebSocket endpoint, as Netty's handshakers keep it ({@code uri()})
     * @param subprotocols    the subprotocols spoken, separated by commas, or null
     * @param allowExtensions as Netty's; permessage-deflate is negotiated when a {@link WslineServerCompressionHandler}
     *                        is in the pipeline
     */
    public WslineServerHandshakerFactory(String webSocketURL, String subprotocols, boolean allowExtensions) {
        this(webSocketURL, subprotocols, allowExtensions, DEFAULT_MAX_FRAME_PAYLOAD_LENGTH);
    }

    /**
     * A factory.
     *
     * @param webSocketURL          the URL of the WebSocket endpoint
     * @param subprotocols          the subprotocols spoken, separated by commas, or null
     * @param allowExtensions       as Netty's; see {@link #WslineServerHandshakerFactory(String, String, boolean)}
     * @param maxFramePayloadLength the largest frame payload, in bytes
     */
    public WslineServerHandshakerFactory(String webSocketURL, String subprotocols, boolean allowExtensions,
                                         int maxFramePayloadLength) {
        this(webSocketURL, subprotocols, allowExtensions, maxFramePayloadLength, false);
    }

    /**
     * A factory.
     *
     * @param webSocketURL          the URL of the WebSocket endpoint
     * @param subprotocols          the subprotocols spoken, separated by commas, or null
     * @param allowExtensions       as Netty's; see {@link #WslineServerHandshakerFactory(String, String, boolean)}
     * @param maxFramePayloadLength the largest frame payload, in bytes
     * @param allowMaskMismatch     ignored: wsline refuses unmasked client frames (RFC 6455 §5.1)
     */
    public WslineServerHandshakerFactory(String webSocketURL, String subprotocols, boolean allowExtensions,
                                         int maxFramePayloadLength, boolean allowMaskMismatch) {
        this(webSocketURL, subprotocols, WebSocketDecoderConfig.newBuilder()
                .allowExtensions(allowExtensions)
                .maxFramePayloadLength(maxFramePayloadLength)
                .allowMaskMismatch(allowMaskMismatch)
                .build());
    }

    /**
     * A factory.
     *
     * @param webSocketURL  the URL of the WebSocket endpoint
     * @param subprotocols  the subprotocols spoken, separated by commas, or null
     * @param decoderConfig the frame limit; its other options are ignored, wsline staying strict
     */
    public WslineServerHandshakerFactory(String webSocketURL, String subprotocols,
                                         WebSocketDecoderConfig decoderConfig) {
        if (decoderConfig == null) {
            throw new NullPointerException("decoderConfig");
        }
        this.webSocketUrl = webSocketURL;
        this.subprotocols = subprotocols;
        this.decoderConfig = decoderConfig;
    }

    /**
     * {@return a handshaker for the request, or null when it asks for a WebSocket version wsline does not speak}
     * (13, and the drafts' 8 and 7, are spoken; a request without {@code Sec-WebSocket-Version}, which Netty takes for
     * the pre-standard hixie-76, gets null.) Answer null with {@link #sendUnsupportedVersionResponse(Channel)}.
     *
     * @param req the handshake request
     */
    public WebSocketServerHandshaker newHandshaker(HttpRequest req) {
        return resolveHandshaker(req, webSocketUrl, subprotocols, decoderConfig);
    }

    /**
     * As {@link #newHandshaker(HttpRequest)}, without a factory.
     *
     * @param req           the handshake request
     * @param webSocketURL  the URL of the WebSocket endpoint
     * @param subprotocols  the subprotocols spoken, separated by commas, or null
     * @param decoderConfig the frame limit; its other options are ignored
     * @return the handshaker, or null for a version wsline does not speak
     */
    public static WebSocketServerHandshaker resolveHandshaker(HttpRequest req, String webSocketURL, String subprotocols,
                                                              WebSocketDecoderConfig decoderConfig) {
        if (decoderConfig == null) {
            throw new NullPointerException("decoderConfig");
        }
        String requested = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        for (WebSocketVersion version : new WebSocketVersion[] {
                WebSocketVersion.V13, WebSocketVersion.V08, WebSocketVersion.V07}) {
            if (version.toHttpHeaderValue().equals(requested)) {
                return new WslineServerHandshaker(version, webSocketURL, subprotocols, decoderConfig);
            }
        }
        return null;
    }

    /**
     * As Netty's: answers 426 Upgrade Required, with {@code Sec-WebSocket-Version: 13}.
     *
     * @param channel the connection
     * @deprecated as Netty's: use {@link #sendUnsupportedVersionResponse(Channel)}
     */
    @Deprecated
    public static void sendUnsupportedWebSocketVersionResponse(Channel channel) {
        sendUnsupportedVersionResponse(channel);
    }

    /**
     * Answers 426 Upgrade Required, with {@code Sec-WebSocket-Version: 13} (RFC 6455 §4.4).
     *
     * @param channel the connection
     * @return the write's future
     */
    public static ChannelFuture sendUnsupportedVersionResponse(Channel channel) {
        return sendUnsupportedVersionResponse(channel, channel.newPromise());
    }

    /**
     * Answers 426 Upgrade Required, with {@code Sec-WebSocket-Version: 13} (RFC 6455 §4.4).
     *
     * @param channel the connection
     * @param promise completed by the write
     * @return the write's future
     */
    public static ChannelFuture sendUnsupportedVersionResponse(Channel channel, ChannelPromise promise) {
        HttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UPGRADE_REQUIRED,
                channel.alloc().buffer(0));
        response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, WebSocketVersion.V13.toHttpHeaderValue());
        HttpUtil.setContentLength(response, 0);
        return channel.writeAndFlush(response, promise);
    }
}
