package io.github.wsline.testsupport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application of a test's WebSocket endpoint: writes back every frame it is given (the codec before it has
 * answered Pings and Closes already), and remembers what it was given. One per connection.
 */
public final class EchoHandler extends ChannelInboundHandlerAdapter {
    /**
     * What the application received, in order, as "Type:fin:payload as UTF-8" ({@code "Text:true:Hello"},
     * {@code "Continuation:false:lo"}); safe to read from the test's thread while a loopback server writes it.
     */
    public final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame) {
            received.add(frame.getClass().getSimpleName().replace("WebSocketFrame", "") + ":"
                    + frame.isFinalFragment() + ":" + frame.content().toString(StandardCharsets.UTF_8));
            ctx.writeAndFlush(frame);
        } else {
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("Unexpected message " + msg);
        }
    }
}
