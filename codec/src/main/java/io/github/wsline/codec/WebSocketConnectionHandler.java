package io.github.wsline.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket connection on a channel whose opening handshake is done: add this one handler, and it installs the
 * frame decoder and encoder before itself and, when messages are aggregated, the aggregator after itself. The
 * application's handlers, added after it, read and write Netty's websocketx frames.
 *
 * <p>It runs the protocol so the application does not have to:
 * <ul>
 *   <li>answers each Ping with a Pong carrying the same payload; ignores unsolicited Pongs (§5.5.2, §5.5.3);</li>
 *   <li>answers a received Close with a Close echoing its code and reason, fires {@link WebSocketCloseReceived}, and
 *       delivers no data after it (§5.5.1);</li>
 *   <li>after the application writes a Close, accepts no more frames from it, still delivers the data the peer sent
 *       before it saw that Close (§1.4), and closes TCP when the peer's Close arrives or after
 *       {@link WebSocketConfig#closeTimeout()}; the server closes TCP first, the client waits for it up to the same
 *       timeout (§7.1.1). A Close reason too long for a control frame is cut at a UTF-8 boundary to fit; a Close the
 *       peer would refuse (a code that may not be sent) is replaced by 1011, and its write fails;</li>
 *   <li>answers a protocol violation found by the decoder with a Close frame carrying the RFC's code and a short
 *       reason, then closes TCP (§7.1.7); the violation does not travel further down the pipeline;</li>
 *   <li>when {@link WebSocketConfig#pingInterval()} is set, pings a peer it has heard nothing from for that long,
 *       and if it hears nothing at all within {@link WebSocketConfig#pongTimeout()} after that Ping, sends Close
 *       1001 and closes TCP without waiting for an answer.</li>
 * </ul>
 * Ping, Pong and Close frames are consumed here, as in Netty's {@code WebSocketServerProtocolHandler}, unless
 * {@link WebSocketConfig#deliverPingFrames()}, {@link WebSocketConfig#deliverPongFrames()} or
 * {@link WebSocketConfig#deliverCloseFrames()} pass them on to the application.
 */
public final class WebSocketConnectionHandler extends ChannelDuplexHandler {
    /** The pipeline name of the {@link FrameDecoder} this handler installs before itself. */
    public static final String DECODER_NAME = "wsline-decoder";
    /** The pipeline name of the {@link FrameEncoder} this handler installs before itself. */
    public static final String ENCODER_NAME = "wsline-encoder";
    /** The pipeline name of the aggregator installed after this handler when messages are aggregated. */
    public static final String AGGREGATOR_NAME = "wsline-aggregator";

    private static final InternalLogger logger = InternalLoggerFactory.getInstance(WebSocketConnectionHandler.class);

    /** The keepalive timer's life: it starts when the channel is active, and stops for good at the first Close. */
    private enum Keepalive { NOT_STARTED, RUNNING, STOPPED }

    private final WebSocketConfig config;
    private CloseState closeState = CloseState.OPEN;
    private boolean pongPending;
    private ScheduledFuture<?> closeTimer;

    // Keepalive: one timer per connection, rescheduled lazily from the time of the last read.
    private final long pingIntervalNanos;
    private final long pongTimeoutNanos;
    private Keepalive keepalive = Keepalive.NOT_STARTED;
    private ScheduledFuture<?> keepaliveTimer;
    private long lastReadNanos;
    private boolean awaitingPong;
    private long pingsSent;

    private static final String PING_TIMEOUT_REASON = "Ping timeout.";

    /**
     * A handler for one connection; the same configuration may serve many.
     *
     * @param config the codec's configuration, whose role says which end of the connection this is
     */
    public WebSocketConnectionHandler(WebSocketConfig config) {
        this.config = config;
        this.pingIntervalNanos = saturatedNanos(config.pingInterval());
        this.pongTimeoutNanos = saturatedNanos(config.pongTimeout());
    }

    /** {@return the configuration this handler and the codec it installed run with} */
    public WebSocketConfig config() {
        return config;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addBefore(ctx.name(), DECODER_NAME, new FrameDecoder(config));
        pipeline.addBefore(ctx.name(), ENCODER_NAME, new FrameEncoder(config));
        if (config.aggregateMessages()) {
            pipeline.addAfter(ctx.name(), AGGREGATOR_NAME, new MessageAggregator());
        }
        if (ctx.channel().isActive()) {
            startKeepalive(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelCloseTimer();
        stopKeepalive();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startKeepalive(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (keepalive == Keepalive.RUNNING) { // any frame is a sign of life
            lastReadNanos = ctx.executor().ticker().nanoTime();
            awaitingPong = false;
        }
        if (msg instanceof PingWebSocketFrame) {
            onPing(ctx, (PingWebSocketFrame) msg);
        } else if (msg instanceof PongWebSocketFrame) {
            deliverIf(ctx, config.deliverPongFrames() && closeState.deliversData(), msg);
        } else if (msg instanceof CloseWebSocketFrame) {
            onClose(ctx, (CloseWebSocketFrame) msg);
        } else if (!closeState.deliversData() && msg instanceof WebSocketFrame) {
            ReferenceCountUtil.release(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pongPending) { // one flush for all the Pongs of this read
            pongPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!closeState.canWrite()) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof CloseWebSocketFrame && closeState.receivedPeerClose() && config.deliverCloseFrames()) {
                // The application answers the Close it was given, as on Netty; ours went already (§5.5.1: one each).
                promise.trySuccess();
            } else {
                promise.setFailure(new IllegalStateException("WebSocket is closing: a Close frame was already sent."));
            }
            return;
        }
        if (msg instanceof CloseWebSocketFrame) {
            closeState = CloseState.CLOSE_SENT;
            stopKeepalive();
            writeApplicationClose(ctx, ApplicationClose.fitted((CloseWebSocketFrame) msg), promise);
            scheduleClose(ctx); // give the peer closeTimeout to answer
            return;
        }
        ctx.write(msg, promise);
    }

    /** Sends the application's Close, or 1011 in its place when the peer would refuse it (see ApplicationClose). */
    private static void writeApplicationClose(ChannelHandlerContext ctx, CloseWebSocketFrame close,
                                              ChannelPromise promise) {
        IllegalArgumentException refusal = ApplicationClose.refusal(close);
        if (refusal == null) {
            ctx.write(close, promise);
            return;
        }
        close.release();
        // Failed once the replacement is written: a listener that closes the channel then closes it behind a Close.
        ctx.write(ApplicationClose.replacement()).addListener(written -> promise.tryFailure(refusal));
    }

    /**
     * With {@link WebSocketConfig#closeStatusOnChannelClose()} set, an open connection is sent that Close before TCP
     * is closed (§7.1.2: start the closing handshake, rather than leave the peer to see 1006). TCP is closed once the
     * Close is written, without waiting for the peer's (the application asked for the channel to close), or after
     * the close timeout when the Close cannot be written.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        WebSocketCloseStatus status = config.closeStatusOnChannelClose();
        if (status == null || !closeState.canWrite() || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        closeState = CloseState.CLOSE_SENT;
        stopKeepalive();
        ChannelPromise closeWritten = ctx.newPromise();
        writeApplicationClose(ctx, ApplicationClose.fitted(new CloseWebSocketFrame(status)), closeWritten);
        ctx.flush();
        scheduleClose(ctx);
        closeWritten.addListener(written -> ctx.close(promise));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            CorruptedWebSocketFrameException violation = (CorruptedWebSocketFrameException) cause;
            logger.debug("{} protocol violation: {}", ctx.channel(), violation.getMessage());
            ChannelFuture closeSent = failConnection(ctx, violation.closeStatus().code(), violation.getMessage());
            if (closeSent != null) {
                closeSent.addListener(written -> closeWhenThePeerIsDone(ctx, written.isSuccess()));
            }
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelCloseTimer();
        stopKeepalive();
        ctx.fireChannelInactive();
    }

    private void onPing(ChannelHandlerContext ctx, PingWebSocketFrame ping) {
        if (config.deliverPingFrames()) { // the application answers it
            deliverIf(ctx, closeState.deliversData(), ping);
            return;
        }
        if (!closeState.canWrite()) { // no Pong after a Close
            ping.release();
            return;
        }
        ctx.write(new PongWebSocketFrame(ping.content())); // the payload changes hands: the encoder releases it
        pongPending = true;
    }

    private void onClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        stopKeepalive();
        closeState = closeState.afterPeerClose();
        boolean initiatedByPeer = closeState == CloseState.CLOSE_RECEIVED;
        if (initiatedByPeer) {
            // §5.5.1: "it typically echos the status code it received"; the reason goes with it, valid UTF-8 already
            CloseWebSocketFrame echo = new CloseWebSocketFrame(true, 0, close.content().retainedDuplicate());
            closeAfterHandshake(ctx, ctx.writeAndFlush(echo));
        } else { // it answers ours: the closing handshake is complete
            closeAfterHandshake(ctx, ctx.newSucceededFuture());
        }
        ctx.fireUserEventTriggered(new WebSocketCloseReceived(close.statusCode(), close.reasonText(), initiatedByPeer));
        deliverIf(ctx, config.deliverCloseFrames(), close);
    }

    /** Passes a frame on to the application, or releases it. */
    private static void deliverIf(ChannelHandlerContext ctx, boolean deliver, Object frame) {
        if (deliver) {
            ctx.fireChannelRead(frame);
        } else {
            ReferenceCountUtil.release(frame);
        }
    }

    /** §7.1.1: the server closes TCP first; a client waits for it, but not forever. */
    private void closeAfterHandshake(ChannelHandlerContext ctx, ChannelFuture lastWrite) {
        if (config.role() == WebSocketConfig.Role.SERVER) {
            cancelCloseTimer();
            lastWrite.addListener(ChannelFutureListener.CLOSE);
        } else {
            lastWrite.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            scheduleClose(ctx);
        }
    }

    /**
     * §7.1.7: sends a Close with the code the failure calls for, unless one was sent already, in which case TCP is
     * closed at once and null returned. The caller closes TCP once the returned write completes.
     */
    private ChannelFuture failConnection(ChannelHandlerContext ctx, int code, String reason) {
        if (!closeState.canWrite()) {
            ctx.close();
            return null;
        }
        closeState = CloseState.CLOSE_SENT;
        cancelCloseTimer();
        stopKeepalive();
        return ctx.writeAndFlush(new CloseWebSocketFrame(code, reason));
    }

    /**
     * Closes TCP behind our Close after a protocol violation, "discarding any trailing bytes" (§7.1.1), without
     * destroying that Close: the peer may still be sending (the rest of a message, a Ping), and a socket closed with
     * unread bytes is answered by the kernel with a reset, which can reach the peer before it has read our Close (or
     * the echo before it). So the output is shut down instead (our FIN follows the Close), the decoder goes on
     * discarding input, and the channel closes when the peer closes its side, or after
     * {@link WebSocketConfig#closeTimeout()}. Under TLS, or on a channel that cannot half-close, TCP is closed at
     * once: a half-close would skip TLS's own close_notify.
     */
    private void closeWhenThePeerIsDone(ChannelHandlerContext ctx, boolean closeWritten) {
        Channel channel = ctx.channel();
        boolean canHalfClose = channel instanceof DuplexChannel && channel.isActive()
                && ctx.pipeline().get(SslHandler.class) == null;
        if (!closeWritten || !canHalfClose) { // no timer for a channel that is already gone
            ctx.close();
            return;
        }
        ((DuplexChannel) channel).shutdownOutput().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        scheduleClose(ctx);
    }

    private void scheduleClose(ChannelHandlerContext ctx) {
        cancelCloseTimer();
        closeTimer = ctx.executor().schedule(() -> {
            ctx.close();
        }, config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void startKeepalive(ChannelHandlerContext ctx) {
        if (pingIntervalNanos == 0 || keepalive != Keepalive.NOT_STARTED) {
            return;
        }
        keepalive = Keepalive.RUNNING;
        lastReadNanos = ctx.executor().ticker().nanoTime();
        scheduleKeepalive(ctx, pingIntervalNanos);
    }

    private void scheduleKeepalive(ChannelHandlerContext ctx, long delayNanos) {
        keepaliveTimer = ctx.executor().schedule(() -> onKeepaliveTimer(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Fires after the ping interval, or after the pong timeout while a keepalive Ping is unanswered. */
    private void onKeepaliveTimer(ChannelHandlerContext ctx) {
        keepaliveTimer = null;
        if (keepalive != Keepalive.RUNNING || !closeState.canWrite() || !ctx.channel().isActive()) {
            return;
        }
        if (awaitingPong) { // nothing at all arrived within pongTimeout of our Ping: the peer is gone
            logger.debug("{} no answer to keepalive Ping, closing", ctx.channel());
            ChannelFuture closeSent = failConnection(ctx, 1001, PING_TIMEOUT_REASON);
            if (closeSent != null) {
                closeSent.addListener(ChannelFutureListener.CLOSE); // the peer is gone: nothing to wait for
            }
            return;
        }
        long idleNanos = ctx.executor().ticker().nanoTime() - lastReadNanos;
        if (idleNanos < pingIntervalNanos) { // heard from the peer since the timer was set: wait the rest
            scheduleKeepalive(ctx, pingIntervalNanos - idleNanos);
            return;
        }
        awaitingPong = true;
        ByteBuf payload = ctx.alloc().buffer(Long.BYTES).writeLong(++pingsSent);
        ctx.writeAndFlush(new PingWebSocketFrame(payload)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        scheduleKeepalive(ctx, pongTimeoutNanos);
    }

    private void stopKeepalive() {
        keepalive = Keepalive.STOPPED;
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
            keepaliveTimer = null;
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private void cancelCloseTimer() {
        if (closeTimer != null) {
            closeTimer.cancel(false);
            closeTimer = null;
        }
    }
}
