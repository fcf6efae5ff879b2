package io.github.wsline.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/** The application under test: echoes every data frame it is given, and remembers what it was given. */
final class EchoHandler extends ChannelInboundHandlerAdapter {
    /** What the application received, as "TYPE:fin:payload-as-text", in order. */
    final List<String> received = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            received.add(frame.getClass().getSimpleName().replace("WebSocketFrame", "") + ":" + frame.isFinalFragment()
                    + ":" + frame.content().toString(java.nio.charset.StandardCharsets.UTF_8));
            ctx.writeAndFlush(frame);
        } else {
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("Unexpected message " + msg);
        }
    }
}
