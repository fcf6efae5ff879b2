package io.github.wsline.handshake;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the opening handshake (RFC 6455 §4.2). It goes right behind the {@code HttpServerCodec} (see
 * {@link WebSocketServerConfig#newHttpServerCodec()}), before any {@code HttpObjectAggregator}, and in front of the
 * handlers that serve pages:
 * <ul>
 *   <li>a request for one of the configured routes is checked and answered 101; the codec's handlers and the
 *       route's application handler (if the route has one) then take the place of the HTTP codec and of this
 *       handler, and the handlers behind it first receive a {@link WebSocketHandshakeCompleted} event;</li>
 *   <li>a refused handshake is answered with its status and a short reason, and the connection closed;</li>
 *   <li>a request the HTTP decoder could not parse (too long, malformed) is answered 431 or 400 and the connection
 *       closed, whatever its path: no route can be told from it;</li>
 *   <li>every other request passes through untouched, so the same port can serve pages.</li>
 * </ul>
 *
 * <pre>{@code
 * ch.pipeline().addLast(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config),
 *         new HttpObjectAggregator(65536), new PageHandler());
 * }</pre>
 *
 * One instance per channel. A connection that neither upgrades nor has a request passed on within
 * {@link WebSocketServerConfig#handshakeTimeout()} is closed.
 */
public final class WebSocketUpgradeHandler extends ChannelInboundHandlerAdapter {
    static final String APPLICATION_HANDLER_NAME = "wsline-application";

    private static final InternalLogger logger = InternalLoggerFactory.getInstance(WebSocketUpgradeHandler.class);

    private enum State {
        /** Between requests: the next request head decides. */
        AWAITING_REQUEST,
        /** A request for another path: it and its content go to the next handler. */
        PASSING_REQUEST,
        /** An accepted handshake: its content is dropped, and its end completes the upgrade. */
        UPGRADING,
        /** A refused handshake: the connection is closing, anything more is dropped. */
        REFUSED
    }

    private final WebSocketServerConfig config;
    private final ServerHandshake handshake;
    private State state = State.AWAITING_REQUEST;
    private ServerHandshake.Accepted accepted;
    private boolean timerStarted;
    private ScheduledFuture<?> handshakeTimer;

    /**
     * A handler for one channel, serving {@code config}'s routes.
     *
     * @param config the routes, policies and limits; one value is typically shared by all channels
     */
    public WebSocketUpgradeHandler(WebSocketServerConfig config) {
        this.config = config;
        this.handshake = new ServerHandshake(config);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startHandshakeTimer(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startHandshakeTimer(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelHandshakeTimer();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelHandshakeTimer();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.AWAITING_REQUEST && msg instanceof HttpRequest) {
            state = onRequestHead(ctx, (HttpRequest) msg);
        }
        switch (state) {
            case AWAITING_REQUEST:
                ctx.fireChannelRead(msg);
                break;
            case PASSING_REQUEST:
                if (msg instanceof LastHttpContent) {
                    state = State.AWAITING_REQUEST;
                }
                ctx.fireChannelRead(msg);
                break;
            case UPGRADING:
                DecoderResult body = msg instanceof HttpObject ? ((HttpObject) msg).decoderResult() : DecoderResult.SUCCESS;
                ReferenceCountUtil.release(msg);
                if (body.isFailure()) { // a malformed body (a bad chunk) makes the request malformed
                    accepted = null;
                    state = refuse(ctx, HandshakeRefusal.ofDecoderFailure(body.cause()));
                } else if (msg instanceof LastHttpContent) {
                    upgrade(ctx);
                }
                break;
            default:
                ReferenceCountUtil.release(msg);
        }
    }

    private State onRequestHead(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return refuse(ctx, HandshakeRefusal.ofDecoderFailure(request.decoderResult().cause()));
        }
        Route route = config.route(new QueryStringDecoder(request.uri()).rawPath());
        if (route == null) {
            cancelHandshakeTimer(); // the connection now belongs to the HTTP handlers behind this one
            return State.PASSING_REQUEST;
        }
        try {
            accepted = handshake.accept(request, route);
            return State.UPGRADING;
        } catch (HandshakeRefusal refusal) {
            return refuse(ctx, refusal);
        } catch (RuntimeException e) { // from the application's filter or negotiators
            ctx.fireExceptionCaught(e);
            return refuse(ctx,
                    new HandshakeRefusal(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal server error."));
        }
    }

    private State refuse(ChannelHandlerContext ctx, HandshakeRefusal refusal) {
        logger.debug("{} WebSocket handshake refused: {} {}",
                ctx.channel(), refusal.status().code(), refusal.getMessage());
        cancelHandshakeTimer();
        ctx.writeAndFlush(refusal.toResponse(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
        return State.REFUSED;
    }

    /** §4.2.2: the 101 goes out through the HTTP encoder, then the channel switches protocol. */
    private void upgrade(ChannelHandlerContext ctx) {
        ServerHandshake.Accepted upgrade = accepted;
        accepted = null;
        ProtocolSwitch protocolSwitch = ProtocolSwitch.server(ctx.pipeline());
        Optional<ChannelHandler> application = upgrade.route().newApplicationHandler();
        cancelHandshakeTimer();
        ctx.writeAndFlush(upgrade.response()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        application.ifPresent(handler -> ctx.pipeline().addAfter(ctx.name(), APPLICATION_HANDLER_NAME, handler));
        protocolSwitch.toWebSocket(ctx, upgrade.codec(), upgrade.extensions(),
                () -> ctx.fireUserEventTriggered(upgrade.event()));
    }

    private void startHandshakeTimer(ChannelHandlerContext ctx) {
        if (timerStarted) {
            return;
        }
        timerStarted = true;
        handshakeTimer = ctx.executor().schedule(() -> {
            logger.debug("{} no WebSocket handshake within {}; closing", ctx.channel(), config.handshakeTimeout());
            ctx.close();
        }, config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }
}
