package io.github.wsline.http2;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's application handler that notes what reaches it, in order (user events as they are, text messages as
 * "Text ..."), releases the messages, and keeps its stream channel so a test can write on it.
 */
final class Application extends ChannelInboundHandlerAdapter {
    final List<Object> received = new ArrayList<>();
    Channel channel;
    boolean inactive;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        received.add(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.add(msg instanceof TextWebSocketFrame text ? "Text " + text.text() : msg.getClass().getSimpleName());
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        received.add(ctx.channel().isWritable() ? "writable" : "unwritable");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
    }

    <T> T first(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " in " + received));
    }
}
