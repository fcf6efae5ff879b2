package io.github.wsline.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The application at the end of a client pipeline: it records the user events, frames and exceptions it receives.
 * Frames are copied (a Close as its code and reason) and released at once, so that a test cannot leak them.
 */
final class ClientApplication extends ChannelInboundHandlerAdapter {
    /** A frame as received: its type and text or payload, the buffer already released. */
    record Received(Class<?> type, String content) {
        static Received of(WebSocketFrame frame) {
            String content = frame instanceof CloseWebSocketFrame close
                    ? close.statusCode() + " " + close.reasonText()
                    : frame.content().toString(StandardCharsets.UTF_8);
            return new Received(frame.getClass(), content);
        }
    }

    final List<Object> events = new ArrayList<>();
    final List<Received> frames = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    /** The events and frames in the order they came. */
    final List<Object> log = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        events.add(event);
        log.add(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            Received frame = Received.of((WebSocketFrame) msg);
            frames.add(frame);
            log.add(frame);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.add(cause);
    }
}
