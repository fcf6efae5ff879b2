package io.github.wsline.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.testkit.RawFrame;
import io.github.wsline.testkit.WebSocketTestClient;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The README's example: how a user tests their own WebSocket handler with the test kit. */
class UppercaseHandlerTest {
    /** The handler under test: answers every text message in upper case. */
    static final class UppercaseHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text().toUpperCase(Locale.ROOT)));
        }
    }

    /** The server as it is configured in production: the handler behind its route. */
    private static final WebSocketServerConfig SERVER = WebSocketServerConfig.builder()
            .route("/shout", UppercaseHandler::new)
            .build();

    private static WebSocketTestClient connect() {
        return WebSocketTestClient.connect(SERVER, "/shout"); // a real opening handshake, on an EmbeddedChannel
    }

    @Test
    void repliesInUpperCase() {
        try (WebSocketTestClient client = connect()) {
            client.sendText("hello");
            assertEquals("HELLO", client.readText());
        }
    }

    @Test
    void fragmentedMessageArrivesWhole() {
        try (WebSocketTestClient client = connect().chunkSize(1)) { // and every byte in its own read
            client.send(RawFrame.text("hel").fin(false));
            client.send(RawFrame.continuation("lo"));
            assertEquals("HELLO", client.readText());
        }
    }

    @Test
    void unmaskedFrameIsRefusedWith1002() {
        try (WebSocketTestClient client = connect()) {
            client.send(RawFrame.text("hi").masked(false)); // browsers always mask
            client.expectClose(1002);
            client.expectConnectionClosed();
        }
    }

    @Test
    void closingHandshake() {
        try (WebSocketTestClient client = connect()) {
            client.sendClose(1000, "bye");
            client.expectClose(1000);
            client.expectConnectionClosed();
        }
    }
}
