package io.github.wsline.netty;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.handshake.WebSocketUpgrade;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.ServerHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drop-in for Netty's {@code WebSocketServerProtocolHandler}: the same constructors and defaults, the same place in the
 * pipeline (after {@code HttpServerCodec}, {@code HttpObjectAggregator} and the compression handler, behind any page
 * handlers), the same events at the same moments, running wsline's handshake and codec.
 * <pre>{@code
 * pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new WslineServerCompressionHandler(0),
 *         new WslineServerProtocolHandler("/ws", null, true), new MyFrameHandler());
 * }</pre>
 *
 * <p>Requests for other paths go on to the handlers behind it. A handshake request for the path (the query string
 * ignored; with {@code checkStartsWith}, also any path below it) is answered 101, or refused with wsline's status and
 * reason (400, 405, 426, 431; Netty answers 400 to most) and the connection closed. At the upgrade
 * {@code HttpObjectAggregator}, {@code HttpContentCompressor} and the compression handler are removed, wsline's codec
 * takes the place of the HTTP codec, this handler stays, and the handlers behind it receive the deprecated
 * {@link ServerHandshakeStateEvent#HANDSHAKE_COMPLETE} and then a {@link HandshakeComplete}, before the first frame.
 * A handshake whose 101 is not written within the timeout fires {@link ServerHandshakeStateEvent#HANDSHAKE_TIMEOUT}
 * and closes the connection; the clock runs only from a handshake request on, so that plain HTTP keep-alive
 * connections are never closed by it.
 *
 * <p>wsline's codec answers Pings, and answers the peer's Close; the application receives Close frames when
 * {@code handleCloseFrames} is false (an echo it writes then is absorbed) and Pong frames when {@code dropPongFrames}
 * is false. Closing the channel after the upgrade sends Netty's {@code sendCloseFrame} (1000 by default) first, and
 * closes once it is written (or after the codec's close timeout, 10 s, when it cannot be). Where
 * Netty's options would break RFC 6455 ({@code allowMaskMismatch}, no UTF-8 validation, no close on a violation),
 * wsline stays strict; {@code docs/migrating-from-netty.md} lists every difference.
 */
public class WslineServerProtocolHandler extends ChannelInboundHandlerAdapter {
    private static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000L;
    private static final int DEFAULT_MAX_FRAME_SIZE = 65536;

    private enum State {
        /** Between HTTP requests: the next request head decides. */
        HTTP,
        /** A request for another path: it and its content go on to the next handler. */
        PASSING,
        /** A handshake request whose end has not arrived: its content is dropped. */
        HANDSHAKING,
        /** A refused handshake: the connection is closing, anything more is dropped. */
        REFUSED,
        /** Upgraded: frames go on to the next handler. */
        WEBSOCKET
    }

    private final WebSocketServerProtocolConfig serverConfig;
    private final WebSocketConfig codec;
    private State state = State.HTTP;
    private HttpRequest handshakeRequest;
    private ScheduledFuture<?> handshakeTimer;

    /**
     * A handler configured as Netty's would be by {@code serverConfig}.
     *
     * @param serverConfig path, subprotocols, timeouts, Close and Pong handling, frame limit
     */
    public WslineServerProtocolHandler(WebSocketServerProtocolConfig serverConfig) {
        if (serverConfig == null) {
            throw new NullPointerException("serverConfig");
        }
        this.serverConfig = serverConfig;
        this.codec = ServerSettings.codec(serverConfig.decoderConfig(), false, !serverConfig.dropPongFrames(),
                !serverConfig.handleCloseFrames(), serverConfig.sendCloseFrame());
    }

    /**
     * A handler for exactly {@code websocketPath}, with Netty's defaults.
     *
     * @param websocketPath the handshake's path, e.g. {@code /ws}
     */
    public WslineServerProtocolHandler(String websocketPath) {
        this(websocketPath, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     */
    public WslineServerProtocolHandler(String websocketPath, long handshakeTimeoutMillis) {
        this(websocketPath, false, handshakeTimeoutMillis);
    }

    /**
     * A handler for {@code websocketPath}.
     *
     * @param websocketPath   the handshake's path
     * @param checkStartsWith true to also serve the paths below it
     */
    public WslineServerProtocolHandler(String websocketPath, boolean checkStartsWith) {
        this(websocketPath, checkStartsWith, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler for {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param checkStartsWith        true to also serve the paths below it
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     */
    public WslineServerProtocolHandler(String websocketPath, boolean checkStartsWith, long handshakeTimeoutMillis) {
        this(websocketPath, null, false, DEFAULT_MAX_FRAME_SIZE, false, checkStartsWith, handshakeTimeoutMillis);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath the handshake's path
     * @param subprotocols  the subprotocols spoken, separated by commas, or null
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols) {
        this(websocketPath, subprotocols, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param subprotocols           the subprotocols spoken, separated by commas, or null
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, long handshakeTimeoutMillis) {
        this(websocketPath, subprotocols, false, handshakeTimeoutMillis);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath   the handshake's path
     * @param subprotocols    the subprotocols spoken, separated by commas, or null
     * @param allowExtensions as Netty's; permessage-deflate is negotiated when a
     *                        {@link WslineServerCompressionHandler} is in the pipeline
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions) {
        this(websocketPath, subprotocols, allowExtensions, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param subprotocols           the subprotocols spoken, separated by commas, or null
     * @param allowExtensions        as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       long handshakeTimeoutMillis) {
        this(websocketPath, subprotocols, allowExtensions, DEFAULT_MAX_FRAME_SIZE, handshakeTimeoutMillis);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath   the handshake's path
     * @param subprotocols    the subprotocols spoken, separated by commas, or null
     * @param allowExtensions as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param maxFrameSize    the largest frame payload, in bytes
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       int maxFrameSize) {
        this(websocketPath, subprotocols, allowExtensions, maxFrameSize, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param subprotocols           the subprotocols spoken, separated by commas, or null
     * @param allowExtensions        as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param maxFrameSize           the largest frame payload, in bytes
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       int maxFrameSize, long handshakeTimeoutMillis) {
        this(websocketPath, subprotocols, allowExtensions, maxFrameSize, false, handshakeTimeoutMillis);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath     the handshake's path
     * @param subprotocols      the subprotocols spoken, separated by commas, or null
     * @param allowExtensions   as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param maxFrameSize      the largest frame payload, in bytes
     * @param allowMaskMismatch ignored: wsline refuses unmasked client frames (RFC 6455 §5.1)
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       int maxFrameSize, boolean allowMaskMismatch) {
        this(websocketPath, subprotocols, allowExtensions, maxFrameSize, allowMaskMismatch,
                DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler for exactly {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param subprotocols           the subprotocols spoken, separated by commas, or null
     * @param allowExtensions        as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param maxFrameSize           the largest frame payload, in bytes
     * @param allowMaskMismatch      ignored: wsline refuses unmasked client frames (RFC 6455 §5.1)
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       int maxFrameSize, boolean allowMaskMismatch, long handshakeTimeoutMillis) {
        this(websocketPath, subprotocols, allowExtensions, maxFrameSize, allowMaskMismatch, false,
                handshakeTimeoutMillis);
    }

    /**
     * A handler for {@code websocketPath}.
     *
     * @param websocketPath     the handshake's path
     * @param subprotocols      the subprotocols spoken, separated by commas, or null
     * @param allowExtensions   as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param maxFrameSize      the largest frame payload, in bytes
     * @param allowMaskMismatch ignored: wsline refuses unmasked client frames (RFC 6455 §5.1)
     * @param checkStartsWith   true to also serve the paths below {@code websocketPath}
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       int maxFrameSize, boolean allowMaskMismatch, boolean checkStartsWith) {
        this(websocketPath, subprotocols, allowExtensions, maxFrameSize, allowMaskMismatch, checkStartsWith,
                DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler for {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param subprotocols           the subprotocols spoken, separated by commas, or null
     * @param allowExtensions        as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param maxFrameSize           the largest frame payload, in bytes
     * @param allowMaskMismatch      ignored: wsline refuses unmasked client frames (RFC 6455 §5.1)
     * @param checkStartsWith        true to also serve the paths below {@code websocketPath}
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       int maxFrameSize, boolean allowMaskMismatch, boolean checkStartsWith,
                                       long handshakeTimeoutMillis) {
        this(websocketPath, subprotocols, allowExtensions, maxFrameSize, allowMaskMismatch, checkStartsWith, true,
                handshakeTimeoutMillis);
    }

    /**
     * A handler for {@code websocketPath}.
     *
     * @param websocketPath     the handshake's path
     * @param subprotocols      the subprotocols spoken, separated by commas, or null
     * @param allowExtensions   as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param maxFrameSize      the largest frame payload, in bytes
     * @param allowMaskMismatch ignored: wsline refuses unmasked client frames (RFC 6455 §5.1)
     * @param checkStartsWith   true to also serve the paths below {@code websocketPath}
     * @param dropPongFrames    false to pass Pong frames on to the application
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       int maxFrameSize, boolean allowMaskMismatch, boolean checkStartsWith,
                                       boolean dropPongFrames) {
        this(websocketPath, subprotocols, allowExtensions, maxFrameSize, allowMaskMismatch, checkStartsWith,
                dropPongFrames, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * A handler for {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param subprotocols           the subprotocols spoken, separated by commas, or null
     * @param allowExtensions        as Netty's; see {@link #WslineServerProtocolHandler(String, String, boolean)}
     * @param maxFrameSize           the largest frame payload, in bytes
     * @param allowMaskMismatch      ignored: wsline refuses unmasked client frames (RFC 6455 §5.1)
     * @param checkStartsWith        true to also serve the paths below {@code websocketPath}
     * @param dropPongFrames         false to pass Pong frames on to the application
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean allowExtensions,
                                       int maxFrameSize, boolean allowMaskMismatch, boolean checkStartsWith,
                                       boolean dropPongFrames, long handshakeTimeoutMillis) {
        this(websocketPath, subprotocols, checkStartsWith, dropPongFrames, handshakeTimeoutMillis,
                WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxFrameSize)
                        .allowMaskMismatch(allowMaskMismatch)
                        .allowExtensions(allowExtensions)
                        .build());
    }

    /**
     * A handler for {@code websocketPath}.
     *
     * @param websocketPath          the handshake's path
     * @param subprotocols           the subprotocols spoken, separated by commas, or null
     * @param checkStartsWith        true to also serve the paths below {@code websocketPath}
     * @param dropPongFrames         false to pass Pong frames on to the application
     * @param handshakeTimeoutMillis how long a handshake request may take to be answered, in ms
     * @param decoderConfig          the frame limit; its other options are ignored, wsline staying strict
     */
    public WslineServerProtocolHandler(String websocketPath, String subprotocols, boolean checkStartsWith,
                                       boolean dropPongFrames, long handshakeTimeoutMillis,
                                       WebSocketDecoderConfig decoderConfig) {
        this(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(websocketPath)
                .subprotocols(subprotocols)
                .checkStartsWith(checkStartsWith)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .dropPongFrames(dropPongFrames)
                .decoderConfig(decoderConfig)
                .build());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.HTTP && msg instanceof HttpRequest) {
            state = onRequestHead(ctx, (HttpRequest) msg);
        }
        switch (state) {
            case HTTP, WEBSOCKET -> ctx.fireChannelRead(msg);
            case PASSING -> {
                if (msg instanceof LastHttpContent) {
                    state = State.HTTP;
                }
                ctx.fireChannelRead(msg);
            }
            case HANDSHAKING -> {
                ReferenceCountUtil.release(msg);
                if (msg instanceof LastHttpContent) {
                    handshake(ctx);
                }
            }
            default -> ReferenceCountUtil.release(msg);
        }
    }

    private State onRequestHead(ChannelHandlerContext ctx, HttpRequest request) {
        if (!isWebSocketPath(request.uri())) {
            return State.PASSING;
        }
        handshakeRequest = request;
        startHandshakeTimer(ctx);
        return State.HANDSHAKING;
    }

    /** As Netty's: the path itself, or with {@code checkStartsWith} anything below it; the query is not compared. */
    private boolean isWebSocketPath(String uri) {
        String path = new QueryStringDecoder(uri).rawPath();
        String websocketPath = serverConfig.websocketPath();
        if (!serverConfig.checkStartsWith()) {
            return path.equals(websocketPath);
        }
        return path.startsWith(websocketPath) && ("/".equals(websocketPath)
                || path.length() == websocketPath.length() || path.charAt(websocketPath.length()) == '/');
    }

    private void handshake(ChannelHandlerContext ctx) {
        HttpRequest request = handshakeRequest;
        handshakeRequest = null;
        String subprotocol = ServerSettings.selectSubprotocol(
                request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL), serverConfig.subprotocols());
        WebSocketUpgrade upgrade =
                WebSocketUpgrade.decide(ServerSettings.handshake(subprotocol, codec, ctx.pipeline()), request);
        ChannelFuture written = upgrade.isAccepted() ? upgrade(ctx, request, upgrade) : refuse(ctx, upgrade);
        written.addListener(ignored -> cancelHandshakeTimer());
    }

    /** As Netty's: the connection is closed behind the answer, and the application hears nothing. */
    private ChannelFuture refuse(ChannelHandlerContext ctx, WebSocketUpgrade refusal) {
        state = State.REFUSED;
        ChannelFuture written = ctx.writeAndFlush(refusal.newResponse(ctx.alloc()));
        written.addListener(ignored -> ctx.close());
        return written;
    }

    private ChannelFuture upgrade(ChannelHandlerContext ctx, HttpRequest request, WebSocketUpgrade upgrade) {
        state = State.WEBSOCKET;
        ServerSettings.removeHttpOnlyHandlers(ctx.pipeline());
        ChannelFuture written = ctx.writeAndFlush(upgrade.newResponse(ctx.alloc()));
        written.addListener(done -> {
            if (!done.isSuccess()) { // as Netty: the application hears of it, and the connection ends
                ctx.fireExceptionCaught(done.cause());
                ctx.close();
            }
        });
        String subprotocol = upgrade.completed().subprotocol().orElse(null);
        upgrade.switchProtocols(ctx.pipeline(), () -> {
            ctx.fireUserEventTriggered(ServerHandshakeStateEvent.HANDSHAKE_COMPLETE);
            ctx.fireUserEventTriggered(new HandshakeComplete(request.uri(), request.headers(), subprotocol));
        });
        return written;
    }

    /** As Netty's: the handlers behind it hear of the failure, and the connection is closed. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.fireExceptionCaught(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelHandshakeTimer();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelHandshakeTimer();
    }

    /** As Netty's, from the handshake request until its answer is written. */
    private void startHandshakeTimer(ChannelHandlerContext ctx) {
        handshakeTimer = ctx.executor().schedule(() -> {
            handshakeTimer = null;
            ctx.flush();
            ctx.fireUserEventTriggered(ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT);
            ctx.close();
        }, serverConfig.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }
}
