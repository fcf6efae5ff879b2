package io.github.wsline.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.wsline.testkit.WebSocketTestServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.URI;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ShoutingClientTest {
    /** The client under test, on Netty's WebSocket client: answers every text message in upper case. */
    static final class ShoutingClientInitializer extends ChannelInitializer<SocketChannel> {
        @Override
        protected void initChannel(SocketChannel ch) {
            WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(URI.create("ws://chat.example.com/chat"))
                    .build();
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                    new WebSocketClientProtocolHandler(config), new ShoutingHandler());
        }
    }

    static final class ShoutingHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text().toUpperCase(Locale.ROOT)));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a failed handshake, among others
        }
    }

    @Test
    void answersInUpperCase() {
        try (WebSocketTestServer server = WebSocketTestServer.accept(new ShoutingClientInitializer())) {
            assertEquals("/chat", server.upgradeRequest().uri());
            server.acceptHandshake();
            server.sendText("hello");
            assertEquals("HELLO", server.readText()); // and masked (RFC 6455 §5.3), or the test fails
        }
    }

    @Test
    void givesUpWhenTheHandshakeIsRefused() {
        try (WebSocketTestServer server = WebSocketTestServer.accept(new ShoutingClientInitializer())) {
            server.refuseHandshake(503);
            assertFalse(server.clientChannel().isOpen());
        }
    }

    @Test
    void closesOnABroken101() {
        try (WebSocketTestServer server = WebSocketTestServer.accept(new ShoutingClientInitializer())) {
            server.answerHandshake("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: not-for-this-key\r\n\r\n");
            server.expectConnectionClosed();
        }
    }
}
