package io.github.wsline.server;

import io.github.wsline.codec.PreparedMessage;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Tells its {@link WebSocketSession} of every frame between the codec and the frame decoder and encoder (behind
 * permessage-deflate, so payloads are counted inflated): data frames each way, a message at each final frame, and the
 * Close frames, the server's own included (the codec writes those for protocol violations and oversized messages,
 * RFC 6455 §7.1.7). Passes everything on untouched.
 */
final class FrameMeter extends ChannelDuplexHandler {
    private final WebSocketSession session;

    FrameMeter(WebSocketSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            session.closeReceived(close.statusCode());
        } else if (isData(msg)) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            session.in().frame(frame.content().readableBytes(), frame.isFinalFragment());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame close) {
            session.closeSent(close.statusCode(), close.reasonText());
        } else if (msg instanceof PreparedMessage message) {
            session.out().frame(message.payloadLength(), true);
        } else if (isData(msg)) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            session.out().frame(frame.content().readableBytes(), frame.isFinalFragment());
        }
        ctx.write(msg, promise);
    }

    /** Text, Binary and Continuation frames: the control frames are Close, Ping and Pong (§5.5). */
    private static boolean isData(Object msg) {
        return msg instanceof WebSocketFrame && !(msg instanceof PingWebSocketFrame)
                && !(msg instanceof PongWebSocketFrame) && !(msg instanceof CloseWebSocketFrame);
    }
}
