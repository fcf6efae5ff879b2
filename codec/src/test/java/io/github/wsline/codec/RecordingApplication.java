package io.github.wsline.codec;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An application written for Netty's handlers: it records every frame and user event it is given, in order, and
 * answers Pings with a Pong and Closes by echoing them, as Netty applications without a protocol handler do
 * ({@code ctx.writeAndFlush(frame.retain())}). The futures of those answers are kept for the test to check.
 */
final class RecordingApplication extends ChannelInboundHandlerAdapter {
    /** Frames as "Type:payload as UTF-8" ("Close:code reason" for a Close), events as their {@code toString()}. */
    final List<String> received = new ArrayList<>();
    final List<ChannelFuture> answers = new ArrayList<>();
    /** The Close frames it echoed, to check that they were released. */
    final List<CloseWebSocketFrame> echoedCloses = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        WebSocketFrame frame = (WebSocketFrame) msg;
        if (frame instanceof CloseWebSocketFrame close) {
            received.add("Close:" + close.statusCode() + " " + close.reasonText());
        } else {
            received.add(frame.getClass().getSimpleName().replace("WebSocketFrame", "") + ":"
                    + frame.content().toString(StandardCharsets.UTF_8));
        }
        if (frame instanceof PingWebSocketFrame) {
            answers.add(ctx.writeAndFlush(new PongWebSocketFrame(frame.content())));
        } else if (frame instanceof CloseWebSocketFrame close) {
            echoedCloses.add(close);
            answers.add(ctx.writeAndFlush(close.retain()));
            close.release();
        } else {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        received.add(evt.toString());
    }
}
