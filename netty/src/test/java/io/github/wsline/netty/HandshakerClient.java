package io.github.wsline.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A client application written on Netty's handshaker, in the shape of Netty's example client: it starts the handshake
 * when connected, finishes it with the first response, answers Pings itself and echoes the server's Close. It records
 * the handshake's outcome and the frames it received, copied (a Close as its code and reason).
 */
final class HandshakerClient extends SimpleChannelInboundHandler<Object> {
    private final WebSocketClientHandshaker handshaker;
    final CompletableFuture<Void> handshake = new CompletableFuture<>();
    final BlockingQueue<ClientApplication.Received> received = new LinkedBlockingQueue<>();

    HandshakerClient(WebSocketClientHandshaker handshaker) {
        this.handshaker = handshaker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (!handshaker.isHandshakeComplete()) {
            try {
                handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
                handshake.complete(null);
            } catch (WebSocketHandshakeException e) {
                handshake.completeExceptionally(e);
            }
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        received.add(ClientApplication.Received.of(frame));
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
        }
    }
}
