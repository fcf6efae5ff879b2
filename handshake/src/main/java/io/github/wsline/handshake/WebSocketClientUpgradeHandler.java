package io.github.wsline.handshake;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The client side of the opening handshake (RFC 6455 §4.1), between an {@code HttpClientCodec} and the application's
 * handlers. Once connected it sends the upgrade request, checks the server's 101, and puts the codec in client mode
 * in place of the HTTP codec and itself; the application's handlers then read and write websocketx frames, including
 * any that arrived with the 101. A response that fails a check fails {@link #handshakeFuture()} with a
 * {@link WebSocketClientHandshakeException} saying which, and closes the channel.
 *
 * <pre>{@code
 * WebSocketClientUpgradeHandler handshaker = new WebSocketClientUpgradeHandler(config);
 * ch.pipeline().addLast(new HttpClientCodec(), handshaker, new MyFrameHandler());
 * }</pre>
 *
 * One instance per channel.
 */
public final class WebSocketClientUpgradeHandler extends ChannelInboundHandlerAdapter {
    private enum State {
        /** The request is out (or about to be); the next response head decides. */
        AWAITING_RESPONSE,
        /** A valid 101: its end completes the switch. */
        UPGRADING,
        /** The handshake failed and the channel is closing: anything more is dropped. */
        FAILED
    }

    private final WebSocketClientConfig config;
    private final ClientHandshake handshake;
    private State state = State.AWAITING_RESPONSE;
    private ClientHandshake.Accepted accepted;
    private ChannelPromise handshakeFuture;
    private boolean requestSent;
    private ScheduledFuture<?> responseTimer;

    /**
     * A handler that will send the request {@code config} describes as soon as the channel is active (or at once, if
     * it already is), and wait {@link WebSocketClientConfig#handshakeTimeout()} for the 101.
     *
     * @param config where to connect, what to offer, and the codec's configuration
     */
    public WebSocketClientUpgradeHandler(WebSocketClientConfig config) {
        this.config = config;
        this.handshake = new ClientHandshake(config);
    }

    /**
     * {@return the handshake's outcome} It succeeds once the channel speaks WebSocket, or fails with a
     * {@link WebSocketHandshakeException}; the channel is then closed.
     *
     * @throws IllegalStateException if this handler has not been added to a pipeline yet
     */
    public ChannelFuture handshakeFuture() {
        if (handshakeFuture == null) {
            throw new IllegalStateException("The handshaker is not in a pipeline yet.");
        }
        return handshakeFuture;
    }

    /**
     * {@return the subprotocol the server chose (RFC 6455 §4.1)} It is known once {@link #handshakeFuture()} has
     * succeeded; empty before, or when the server chose none.
     */
    public Optional<String> subprotocol() {
        return accepted == null ? Optional.empty() : accepted.subprotocol();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        handshakeFuture = ctx.newPromise();
        if (ctx.channel().isActive()) {
            sendRequest(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelResponseTimer();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sendRequest(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new WebSocketClientHandshakeException("Connection closed before the handshake completed."));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, new WebSocketHandshakeException("WebSocket handshake failed: " + cause.getMessage(), cause));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.AWAITING_RESPONSE && msg instanceof HttpResponse) {
            onResponseHead(ctx, (HttpResponse) msg);
        }
        switch (state) {
            case AWAITING_RESPONSE:
                ctx.fireChannelRead(msg);
                break;
            case UPGRADING:
                ReferenceCountUtil.release(msg);
                if (msg instanceof LastHttpContent) {
                    upgrade(ctx);
                }
                break;
            default:
                ReferenceCountUtil.release(msg);
        }
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        if (requestSent) {
            return;
        }
        requestSent = true;
        ctx.writeAndFlush(handshake.request()).addListener(write -> {
            if (!write.isSuccess()) {
                fail(ctx, new WebSocketHandshakeException("Could not send the handshake request.", write.cause()));
            }
        });
        responseTimer = ctx.executor().schedule(() -> fail(ctx, new WebSocketClientHandshakeException(
                "No handshake response within " + config.handshakeTimeout().toMillis() + " ms.")),
                config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onResponseHead(ChannelHandlerContext ctx, HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            fail(ctx, new WebSocketClientHandshakeException("Malformed HTTP response.", response));
            return;
        }
        try {
            accepted = handshake.validate(response);
            state = State.UPGRADING;
        } catch (RuntimeException e) { // the validation's, or an extension negotiator's refusal
            fail(ctx, e);
        }
    }

    private void upgrade(ChannelHandlerContext ctx) {
        cancelResponseTimer();
        ProtocolSwitch.client(ctx.pipeline())
                .toWebSocket(ctx, accepted.codec(), accepted.extensions(), handshakeFuture::setSuccess);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        cancelResponseTimer();
        state = State.FAILED;
        if (handshakeFuture.tryFailure(cause)) {
            ctx.close();
        }
    }

    private void cancelResponseTimer() {
        if (responseTimer != null) {
            responseTimer.cancel(false);
            responseTimer = null;
        }
    }
}
