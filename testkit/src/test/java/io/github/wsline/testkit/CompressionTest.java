package io.github.wsline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.handshake.PerMessageDeflateNegotiator;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

/** The kit's permessage-deflate follows what the handshake agreed, whatever the server asked of the client. */
class CompressionTest {
    /** Echoes the text, and tells its length, which shows the server inflated what the kit compressed. */
    private static final class LengthEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text().length() + ":" + frame.text()));
        }
    }

    private static WebSocketTestClient connect(PerMessageDeflateNegotiator deflate) {
        WebSocketServerConfig server = WebSocketServerConfig.builder()
                .route("/echo", LengthEcho::new)
                .extensions(deflate)
                .build();
        return WebSocketTestClient.connect(server, "/echo", WebSocketTestClient.OFFER_DEFLATE);
    }

    private static void exchange(WebSocketTestClient client, String text) {
        client.sendText(text);
        ReceivedFrame echo = client.readMessage();
        assertEquals(4, echo.rsv());
        assertEquals(text.length() + ":" + text, echo.text());
    }

    @Test
    void noContextTakeoverEitherWay() {
        try (WebSocketTestClient client = connect(PerMessageDeflateNegotiator.builder()
                .serverNoContextTakeover(true).clientNoContextTakeover(true).compressionThreshold(0).build())) {
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                    client.handshakeHeaders().get("Sec-WebSocket-Extensions"));
            for (int i = 0; i < 3; i++) {
                exchange(client, "the same message, each on its own ".repeat(10));
            }
        }
    }

    @Test
    void underASmallWindowOnlyMessagesThatFitItAreCompressed() {
        DeflateStreams deflate = DeflateStreams.agreedIn(new DefaultHttpHeaders()
                .add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=9"), "client");
        try {
            assertNotNull(deflate.compress(new byte[512]));
            assertNull(deflate.compress(new byte[513]));
        } finally {
            deflate.end();
        }
    }

    @Test
    void aSmallClientWindowSendsLongMessagesUncompressed() {
        try (WebSocketTestClient client = connect(PerMessageDeflateNegotiator.builder()
                .clientMaxWindowBits(9).compressionThreshold(0).build())) {
            assertTrue(client.handshakeHeaders().get("Sec-WebSocket-Extensions").endsWith("; client_max_window_bits=9"));
            exchange(client, "short ".repeat(10)); // within 512 bytes: compressed
            exchange(client, "long ".repeat(200)); // 1000 bytes: sent as it is, and still understood
            exchange(client, "short ".repeat(10));
        }
    }
}
