package io.github.wsline.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

/** The test kit itself: its frames are the RFC's bytes, and it fails loudly when the server misbehaves. */
class WebSocketTestClientTest {
    /**
     * Replies to "fragment" with a fragmented message, to "masked" with a frame a server must not send, to "past the
     * encoder" with a frame that cannot reach the wire.
     */
    private static final class MisbehavingServer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (frame.text().equals("fragment")) {
                ctx.write(new TextWebSocketFrame(false, 0, "Hel"));
                ctx.writeAndFlush(new ContinuationWebSocketFrame(true, 0, "lo"));
            } else if (frame.text().equals("masked")) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(RawFrame.text("x").toBytes(1)));
            } else if (frame.text().equals("past the encoder")) {
                ctx.pipeline().context(WebSocketConnectionHandler.ENCODER_NAME).writeAndFlush(new TextWebSocketFrame("x"));
            }
        }
    }

    private static WebSocketTestClient client() {
        return WebSocketTestClient.openUpgraded(WebSocketConfig.builder().build(), new MisbehavingServer());
    }

    @Test
    void rfcExampleMaskedHelloIsTheKitsOwnEncoding() {
        // RFC 6455 §5.7: a single-frame masked text message containing "Hello"
        assertArrayEquals(WebSocketTestClient.parseHex("81 85 37 fa 21 3d 7f 9f 4d 51 58"),
                RawFrame.text("Hello").toBytes(0x37fa213d));
    }

    @Test
    void rfcExampleUnmaskedHello() {
        assertArrayEquals(WebSocketTestClient.parseHex("81 05 48 65 6c 6c 6f"), RawFrame.text("Hello").masked(false).toBytes(0));
    }

    @Test
    void rfcExampleLengthHeaders() {
        byte[] header256 = java.util.Arrays.copyOf(RawFrame.binary(new byte[256]).masked(false).toBytes(0), 4);
        byte[] header64k = java.util.Arrays.copyOf(RawFrame.binary(new byte[65536]).masked(false).toBytes(0), 10);
        assertArrayEquals(WebSocketTestClient.parseHex("82 7E 01 00"), header256);
        assertArrayEquals(WebSocketTestClient.parseHex("82 7F 00 00 00 00 00 01 00 00"), header64k);
    }

    @Test
    void readTextJoinsTheServersFragments() {
        try (WebSocketTestClient client = client()) {
            client.sendText("fragment");
            assertEquals("Hello", client.readText());
        }
    }

    @Test
    void readFrameShowsFragmentsOneByOne() {
        try (WebSocketTestClient client = client()) {
            client.sendText("fragment");
            assertEquals("TEXT (not final) \"Hel\"", client.readFrame().toString());
            assertEquals("CONTINUATION \"lo\"", client.readFrame().toString());
        }
    }

    @Test
    void serverThatSendsAMaskedFrameFailsTheTest() {
        try (WebSocketTestClient client = client()) {
            client.sendText("masked");
            AssertionError error = assertThrows(AssertionError.class, client::readFrame);
            assertTrue(error.getMessage().contains("Server frames must not be masked."), error.getMessage());
        }
    }

    @Test
    void readingWhenTheServerSentNothingFailsWithAClearMessage() {
        try (WebSocketTestClient client = client()) {
            AssertionError error = assertThrows(AssertionError.class, client::readFrame);
            assertEquals("Expected a frame, but the server sent none.", error.getMessage());
        }
    }

    @Test
    void expectNoMoreFramesFailsWhenAFrameIsWaiting() {
        try (WebSocketTestClient client = client()) {
            client.sendPing(new byte[0]);
            AssertionError error = assertThrows(AssertionError.class, client::expectNoMoreFrames);
            assertEquals("Expected no more frames, but the server sent [PONG 0 bytes].", error.getMessage());
            assertEquals(ReceivedFrame.Type.PONG, client.readFrame().type());
        }
    }

    @Test
    void aFrameWrittenPastTheEncoderIsNamedWhenNoFrameArrives() {
        try (WebSocketTestClient client = client()) {
            client.sendText("past the encoder");
            AssertionError error = assertThrows(AssertionError.class, client::readFrame);
            assertEquals("Expected a frame, but the server sent none. Its writes of TextWebSocketFrame failed: only "
                    + "bytes reach the wire, a frame must pass the frame encoder.", error.getMessage());
        }
    }

    @Test
    void closeFailsWhenFramesWereLeftUnread() {
        WebSocketTestClient client = client();
        client.sendPing(new byte[0]);
        AssertionError error = assertThrows(AssertionError.class, client::close);
        assertEquals("Expected no more frames, but the server sent [PONG 0 bytes] that the test did not read "
                + "(read them, or call ignoreUnread()).", error.getMessage());
    }

    @Test
    void closeDiscardsUnreadFramesWhenTheTestSaysSo() {
        try (WebSocketTestClient client = client().ignoreUnread()) {
            client.sendPing(new byte[0]);
        }
    }

    @Test
    void expectCloseFailsOnAnotherCode() {
        try (WebSocketTestClient client = client()) {
            client.sendClose(1000, "");
            AssertionError error = assertThrows(AssertionError.class, () -> client.expectClose(1001));
            assertEquals("Expected Close 1001, got CLOSE 1000 \"\"", error.getMessage());
        }
    }

    @Test
    void hexFixturesAreSentAsTheyAre() {
        try (WebSocketTestClient client = client()) {
            client.sendHex("89 80 00 00 00 00"); // a masked, empty Ping
            assertEquals(ReceivedFrame.Type.PONG, client.readFrame().type());
        }
    }
}
