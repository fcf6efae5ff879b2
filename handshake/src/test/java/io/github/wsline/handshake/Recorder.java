package io.github.wsline.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An application handler that notes what reaches it, in order: user events as they are, messages as a short
 * description; messages travel on to the channel's inbound queue, where the test reads and releases them.
 */
final class Recorder extends ChannelInboundHandlerAdapter {
    final List<Object> received = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        received.add(event);
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.add(describe(msg));
        ctx.fireChannelRead(msg);
    }

    <T> T first(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " in " + received));
    }

    static String describe(Object msg) {
        if (msg instanceof TextWebSocketFrame) {
            return "Text " + ((TextWebSocketFrame) msg).text();
        }
        if (msg instanceof HttpRequest) {
            return "HttpRequest " + ((HttpRequest) msg).uri();
        }
        if (msg instanceof LastHttpContent) {
            return "LastHttpContent";
        }
        if (msg instanceof ByteBuf) {
            return "Bytes " + ((ByteBuf) msg).toString(StandardCharsets.ISO_8859_1);
        }
        return msg.getClass().getSimpleName();
    }
}
