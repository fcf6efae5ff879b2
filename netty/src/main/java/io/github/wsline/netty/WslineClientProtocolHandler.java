package io.github.wsline.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * In place of Netty's {@code WebSocketClientProtocolHandler}: the same constructors (all but those taking a Netty
 * handshaker, for which {@link WslineClientHandshakerFactory} is the way), defaults, events and pipeline position,
 * running wsline's handshake and codec.
 * <pre>{@code
 * pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
 *         WslineClientCompressionHandler.INSTANCE, new WslineClientProtocolHandler(config), new MyFrameHandler());
 * }</pre>
 *
 * <p>Events, as on Netty ({@link ClientHandshakeStateEvent}): {@code HANDSHAKE_ISSUED} once the request is written,
 * {@code HANDSHAKE_COMPLETE} before the first frame, {@code HANDSHAKE_TIMEOUT} (then the channel closes) when no 101
 * came within {@code handshakeTimeoutMillis}; a refused handshake, a 404 say, reaches {@code exceptionCaught} as a
 * {@link WebSocketClientHandshakeException} carrying the response, and the channel closes.
 *
 * <p>Frames: wsline's codec answers Pings; Pongs reach the application unless {@code dropPongFrames} (the default);
 * the server's Close reaches it unless {@code handleCloseFrames} (the default). Where Netty's client closes TCP at the
 * server's Close without answering it, wsline answers it, as RFC 6455 §5.5.1 requires, and closes TCP when the server
 * does (§7.1.1) or after the codec's close timeout. With a {@link WebSocketClientProtocolConfig}, {@code close()} on
 * the channel first sends a Close with its {@code sendCloseFrame} status (default 1000), as Netty's does, and closes
 * TCP once it is written, or after the codec's close timeout where Netty waits {@code forceCloseTimeoutMillis}.
 *
 * <p>What wsline does not do, as the RFC forbids it: send unmasked frames ({@code performMasking} is ignored, §5.3),
 * accept masked frames ({@code allowMaskMismatch} is ignored, §5.1), skip UTF-8 validation ({@code withUTF8Validator}
 * is ignored, §8.1). RSV bits are accepted for the extensions agreed on ({@code allowExtensions} is ignored). Only
 * {@link WebSocketVersion#V13} is supported. Messages are aggregated (fragments reach the application as one frame).
 */
public class WslineClientProtocolHandler extends ChannelDuplexHandler {
    /** Netty's default, read from Netty, which keeps its constant package-private: 10 seconds. */
    private static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS =
            WebSocketClientProtocolConfig.newBuilder().build().handshakeTimeoutMillis();

    private final WebSocketClientHandshaker handshaker;
    private final long handshakeTimeoutMillis;

    /**
     * A handler with every setting of a Netty configuration.
     *
     * @param clientConfig Netty's client configuration
     * @throws WebSocketClientHandshakeException if its version is not V13
     * @throws IllegalArgumentException          if its URI is not a ws, wss, http or https URI with a host
     */
    public WslineClientProtocolHandler(WebSocketClientProtocolConfig clientConfig) {
        this.handshakeTimeoutMillis = clientConfig.handshakeTimeoutMillis();
        this.handshaker = new ClientHandshaker(clientConfig.webSocketUri(), clientConfig.version(),
                clientConfig.subprotocol(), clientConfig.customHeaders(), clientConfig.forceCloseTimeoutMillis(),
                clientConfig.absoluteUpgradeUrl(), clientConfig.generateOriginHeader(),
                ClientCodecs.forProtocolHandler(clientConfig));
    }

    /**
     * A handler that consumes Pongs.
     *
     * @param webSocketURL          the URL to connect to, {@code ws://} or {@code wss://}
     * @param version               the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol           the subprotocols to offer, separated by commas, or null
     * @param allowExtensions       ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders         headers to add to the request, or null
     * @param maxFramePayloadLength the largest frame payload accepted, in bytes
     * @param handleCloseFrames     whether the server's Close is consumed here rather than passed on
     * @param performMasking        ignored: a client always masks (RFC 6455 §5.3)
     * @param allowMaskMismatch     ignored: a masked frame from the server fails the connection (RFC 6455 §5.1)
     */
    public WslineClientProtocolHandler(URI webSocketURL, WebSocketVersion version, String subprotocol,
                                       boolean allowExtensions, HttpHeaders customHeaders,
                                       int maxFramePayloadLength, boolean handleCloseFrames,
                                       boolean performMasking, boolean allowMaskMismatch) {
        this(webSocketURL, version, subprotocol, allowExtensions, customHeaders, maxFramePayloadLength,
                handleCloseFrames, performMasking, allowMaskMismatch, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler that consumes Pongs.
     *
     * @param webSocketURL           the URL to connect to, {@code ws://} or {@code wss://}
     * @param version                the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol            the subprotocols to offer, separated by commas, or null
     * @param allowExtensions        ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders          headers to add to the request, or null
     * @param maxFramePayloadLength  the largest frame payload accepted, in bytes
     * @param handleCloseFrames      whether the server's Close is consumed here rather than passed on
     * @param performMasking         ignored: a client always masks (RFC 6455 §5.3)
     * @param allowMaskMismatch      ignored: a masked frame from the server fails the connection (RFC 6455 §5.1)
     * @param handshakeTimeoutMillis how long to wait for the 101 after sending the request, a positive number
     */
    public WslineClientProtocolHandler(URI webSocketURL, WebSocketVersion version, String subprotocol,
                                       boolean allowExtensions, HttpHeaders customHeaders,
                                       int maxFramePayloadLength, boolean handleCloseFrames, boolean performMasking,
                                       boolean allowMaskMismatch, long handshakeTimeoutMillis) {
        this(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(webSocketURL)
                .version(version)
                .subprotocol(subprotocol)
                .allowExtensions(allowExtensions)
                .customHeaders(customHeaders)
                .maxFramePayloadLength(maxFramePayloadLength)
                .handleCloseFrames(handleCloseFrames)
                .performMasking(performMasking)
                .allowMaskMismatch(allowMaskMismatch)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .sendCloseFrame(null) // Netty's handler sends no Close of its own unless given a configuration
                .build());
    }

    /**
     * A handler that consumes Pongs.
     *
     * @param webSocketURL          the URL to connect to, {@code ws://} or {@code wss://}
     * @param version               the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol           the subprotocols to offer, separated by commas, or null
     * @param allowExtensions       ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders         headers to add to the request, or null
     * @param maxFramePayloadLength the largest frame payload accepted, in bytes
     * @param handleCloseFrames     whether the server's Close is consumed here rather than passed on
     */
    public WslineClientProtocolHandler(URI webSocketURL, WebSocketVersion version, String subprotocol,
                                       boolean allowExtensions, HttpHeaders customHeaders,
                                       int maxFramePayloadLength, boolean handleCloseFrames) {
        this(webSocketURL, version, subprotocol, allowExtensions, customHeaders, maxFramePayloadLength,
                handleCloseFrames, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler that consumes Pongs.
     *
     * @param webSocketURL           the URL to connect to, {@code ws://} or {@code wss://}
     * @param version                the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol            the subprotocols to offer, separated by commas, or null
     * @param allowExtensions        ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders          headers to add to the request, or null
     * @param maxFramePayloadLength  the largest frame payload accepted, in bytes
     * @param handleCloseFrames      whether the server's Close is consumed here rather than passed on
     * @param handshakeTimeoutMillis how long to wait for the 101 after sending the request, a positive number
     */
    public WslineClientProtocolHandler(URI webSocketURL, WebSocketVersion version, String subprotocol,
                                       boolean allowExtensions, HttpHeaders customHeaders, int maxFramePayloadLength,
                                       boolean handleCloseFrames, long handshakeTimeoutMillis) {
        this(webSocketURL, version, subprotocol, allowExtensions, customHeaders, maxFramePayloadLength,
                handleCloseFrames, true, false, handshakeTimeoutMillis);
    }

    /**
     * A handler that consumes the server's Close and Pongs.
     *
     * @param webSocketURL          the URL to connect to, {@code ws://} or {@code wss://}
     * @param version               the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol           the subprotocols to offer, separated by commas, or null
     * @param allowExtensions       ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders         headers to add to the request, or null
     * @param maxFramePayloadLength the largest frame payload accepted, in bytes
     */
    public WslineClientProtocolHandler(URI webSocketURL, WebSocketVersion version, String subprotocol,
                                       boolean allowExtensions, HttpHeaders customHeaders,
                                       int maxFramePayloadLength) {
        this(webSocketURL, version, subprotocol, allowExtensions, customHeaders, maxFramePayloadLength,
                DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler that consumes the server's Close and Pongs.
     *
     * @param webSocketURL           the URL to connect to, {@code ws://} or {@code wss://}
     * @param version                the protocol version: {@link WebSocketVersion#V13}
     * @param subprotocol            the subprotocols to offer, separated by commas, or null
     * @param allowExtensions        ignored: the extensions agreed on decide which RSV bits frames may carry
     * @param customHeaders          headers to add to the request, or null
     * @param maxFramePayloadLength  the largest frame payload accepted, in bytes
     * @param handshakeTimeoutMillis how long to wait for the 101 after sending the request, a positive number
     */
    public WslineClientProtocolHandler(URI webSocketURL, WebSocketVersion version, String subprotocol,
                                       boolean allowExtensions, HttpHeaders customHeaders,
                                       int maxFramePayloadLength, long handshakeTimeoutMillis) {
        this(webSocketURL, version, subprotocol, allowExtensions, customHeaders, maxFramePayloadLength, true,
                handshakeTimeoutMillis);
    }

    /**
     * {@return the handshaker} It is a Netty {@link WebSocketClientHandshaker}: {@code actualSubprotocol()} says
     * which subprotocol the server chose once the handshake is complete.
     */
    public WebSocketClientHandshaker handshaker() {
        return handshaker;
    }

    /** Puts the handshake handler before this one, as Netty's does. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(ClientHandshakeHandler.class) == null) {
            ctx.pipeline().addBefore(ctx.name(), ClientHandshakeHandler.class.getName(),
                    new ClientHandshakeHandler(handshaker, handshakeTimeoutMillis));
        }
    }

    /**
     * Passes the failure on, then closes the channel, as Netty's does; a refused handshake comes this way.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.fireExceptionCaught(cause);
        ctx.close();
    }
}
