package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.testkit.DetectLeaks;
import io.github.wsline.testkit.WebSocketTestClient;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** README's example with a handler that never releases the frames it reads: DetectLeaks must fail it. */
@ExtendWith(DetectLeaks.class)
class UppercaseServerLeakingTwin {
    /** Your server's initializer, unchanged: here on Netty's own WebSocketServerProtocolHandler. */
    static final class UppercaseServerInitializer extends ChannelInitializer<SocketChannel> {
        @Override
        protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                    new WebSocketServerProtocolHandler("/ws"), new UppercaseHandler());
        }
    }

    /** The bug: reads frames and never releases them (SimpleChannelInboundHandler would). */
    static final class UppercaseHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame) {
                String text = ((TextWebSocketFrame) msg).text();
                ctx.writeAndFlush(new TextWebSocketFrame(text.toUpperCase(Locale.ROOT)));
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    @Test
    void repliesInUpperCase() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(new UppercaseServerInitializer(), "/ws")) {
            client.sendText("hello");
            assertEquals("HELLO", client.readText()); // read with a strict RFC 6455 decoder
            client.sendClose(1000, "bye");
            client.expectClose(1000);
            client.expectConnectionClosed();
        } // close() fails if the server sent a frame the test did not read
    }
}
