package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.testkit.DetectLeaks;
import io.github.wsline.testkit.WebSocketTestClient;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DetectLeaks.class) // a buffer leaked during a test fails that test
class UppercaseServerTest {
    /** Your server's initializer, unchanged: here on Netty's own WebSocketServerProtocolHandler. */
    static final class UppercaseServerInitializer extends ChannelInitializer<SocketChannel> {
        @Override
        protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                    new WebSocketServerProtocolHandler("/ws"), new UppercaseHandler());
        }
    }

    static final class UppercaseHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text().toUpperCase(Locale.ROOT)));
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
