package io.github.wsline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.handshake.WebSocketHandshakeCompleted;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

/** The test kit through the real opening handshake: what a user testing a routed server pipeline relies on. */
class HandshakeConnectTest {
    /** Greets who connected with the path it asked for, then echoes text. */
    private static final class GreetingEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketHandshakeCompleted) {
                ctx.writeAndFlush(new TextWebSocketFrame("welcome to " + ((WebSocketHandshakeCompleted) event).request().uri()));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(frame.retain());
        }
    }

    private static final WebSocketServerConfig SERVER = WebSocketServerConfig.builder()
            .route("/greet", GreetingEcho::new)
            .subprotocols("chat.v2", "chat.v1")
            .build();

    @Test
    void framesTheServerSendsRightBehindIts101AreRead() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(SERVER, "/greet?who=me")) {
            assertEquals("welcome to /greet?who=me", client.readText());
        }
    }

    @Test
    void messagesFlowAfterTheHandshake() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(SERVER, "/greet")) {
            client.readText();
            client.sendText("ping?");
            assertEquals("ping?", client.readText());
        }
    }

    @Test
    void handshakeHeadersShowTheChosenSubprotocol() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(SERVER, "/greet", "Sec-WebSocket-Protocol: chat.v1, chat.v2")) {
            assertEquals("chat.v2", client.handshakeHeaders().get("Sec-WebSocket-Protocol"));
            client.ignoreUnread(); // the greeting
        }
    }

    @Test
    void crossOriginUpgradeIsRefusedWith403() {
        WebSocketTestClient.expectRefusal(403, SERVER, "/greet", "Origin: https://evil.example");
    }

    @Test
    void connectFailsWithTheStatusWhenTheServerRefuses() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> WebSocketTestClient.connect(SERVER, "/greet", "Origin: https://evil.example"));
        assertEquals("Expected 101 Switching Protocols, got 403", error.getMessage().split(":")[0]);
    }

    @Test
    void expectRefusalFailsWhenTheServerAccepts() {
        assertThrows(AssertionError.class, () -> WebSocketTestClient.expectRefusal(403, SERVER, "/greet"));
    }

    @Test
    void acceptKeyOfRfc6455Example() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", HandshakeExchange.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
