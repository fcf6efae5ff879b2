package io.github.wsline.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The opening handshake of a {@link WslineClientProtocolHandler}, which puts this handler before itself, with
 * Netty's events at Netty's moments: {@code HANDSHAKE_ISSUED} once the request is written, {@code HANDSHAKE_COMPLETE}
 * once the 101 passed every check and wsline's codec is in place (then this handler leaves), or
 * {@code HANDSHAKE_TIMEOUT} and a closed channel when no 101 came in time. A refused handshake reaches
 * {@code exceptionCaught} as a {@link WebSocketClientHandshakeException}, and the protocol handler closes the
 * channel. Like Netty's, it needs an {@code HttpObjectAggregator} in front of it, for a {@link FullHttpResponse}.
 */
final class ClientHandshakeHandler extends ChannelInboundHandlerAdapter {
    private final WebSocketClientHandshaker handshaker;
    private final long handshakeTimeoutMillis;
    private boolean issued;
    private ScheduledFuture<?> timeout;

    ClientHandshakeHandler(WebSocketClientHandshaker handshaker, long handshakeTimeoutMillis) {
        this.handshaker = handshaker;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            // added to a connected channel, where Netty's would wait for a channelActive in vain: issued once the
            // handlers added with this one are in place to hear HANDSHAKE_ISSUED
            ctx.executor().execute(() -> issue(ctx));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        issue(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimeout();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpResponse)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpResponse response = (FullHttpResponse) msg;
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (RuntimeException refused) { // a WebSocketClientHandshakeException saying which check failed
            cancelTimeout();
            ctx.fireExceptionCaught(refused);
            return;
        } finally {
            response.release();
        }
        cancelTimeout();
        ctx.fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
        ctx.pipeline().remove(this);
    }

    private void issue(ChannelHandlerContext ctx) {
        if (issued) {
            return;
        }
        issued = true;
        handshaker.handshake(ctx.channel()).addListener(written -> {
            if (written.isSuccess()) {
                ctx.fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_ISSUED);
            } else {
                ctx.fireExceptionCaught(written.cause());
            }
        });
        // cancelled by the 101, a refusal or the end of the connection, so it runs only when none came in time
        timeout = ctx.executor().schedule(
                () -> ctx.flush().fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT).close(),
                handshakeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
