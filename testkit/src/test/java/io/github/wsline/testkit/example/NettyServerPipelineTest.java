package io.github.wsline.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.testkit.DetectLeaks;
import io.github.wsline.testkit.RawFrame;
import io.github.wsline.testkit.ReceivedFrame;
import io.github.wsline.testkit.WebSocketTestClient;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DetectLeaks.class) // a buffer leaked during a test fails that test
class NettyServerPipelineTest {
    /** The server's initializer as it is in production, on Netty's own WebSocket handlers. */
    static final class ShoutingServerInitializer extends ChannelInitializer<SocketChannel> {
        @Override
        protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                    new WebSocketServerCompressionHandler(65536), new WebSocketServerProtocolHandler("/ws", null, true),
                    new ShoutingHandler());
        }
    }

    static final class ShoutingHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text().toUpperCase(Locale.ROOT)));
        }
    }

    @Test
    void repliesInUpperCase() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(new ShoutingServerInitializer(), "/ws")) {
            client.sendText("hello");
            assertEquals("HELLO", client.readText());
        } // close() fails if the server sent a frame the test did not read
    }

    @Test
    void compressesLikeABrowserSeesIt() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(new ShoutingServerInitializer(), "/ws",
                WebSocketTestClient.OFFER_DEFLATE)) {
            client.sendText("hello"); // compressed, as a browser compresses
            ReceivedFrame reply = client.readMessage(); // inflated
            assertEquals(4, reply.rsv()); // RSV1: it came compressed
            assertEquals("HELLO", reply.text());
        }
    }

    @Test
    void unmaskedFrameIsRefusedWith1002() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(new ShoutingServerInitializer(), "/ws")) {
            client.send(RawFrame.text("hi").masked(false)); // browsers always mask
            client.expectClose(1002);
            client.expectConnectionClosed();
        }
    }
}
