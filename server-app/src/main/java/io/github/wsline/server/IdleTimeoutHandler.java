package io.github.wsline.server;

import io.github.wsline.codec.WebSocketConnectionHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Acts on {@link io.netty.handler.timeout.IdleStateHandler}'s events: a WebSocket gets Close 1001 and the close
 * timeout to answer it; a plain HTTP connection is closed.
 */
@ChannelHandler.Sharable
final class IdleTimeoutHandler extends ChannelInboundHandlerAdapter {
    static final WebSocketCloseStatus IDLE = new WebSocketCloseStatus(1001, "Idle timeout.");

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
        } else if (ctx.pipeline().get(WebSocketConnectionHandler.class) != null) {
            ctx.writeAndFlush(new CloseWebSocketFrame(IDLE));
        } else {
            ctx.close();
        }
    }
}
