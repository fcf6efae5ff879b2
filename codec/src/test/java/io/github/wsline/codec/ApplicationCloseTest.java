package io.github.wsline.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConfig.Role;
import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Close the application writes always reaches the peer as a valid Close frame (RFC 6455 §5.5, §5.5.1, §7.4): a
 * reason too long for a control frame is cut, a payload the peer would refuse is replaced by 1011.
 */
class ApplicationCloseTest {
    /** 121 bytes of ASCII: with a 4-byte emoji, the reason is 125 bytes, 2 over a Close's 123. */
    private static final String ASCII_121 = "a".repeat(121);
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, F0 9F 98 80 in UTF-8

    private static Peer peerOf(Role role) {
        return Peer.of(WebSocketConfig.builder().role(role).build(), new EchoHandler());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void overlongApplicationCloseReasonIsTruncatedAtACodePointBoundary(Role role) {
        try (Peer peer = peerOf(role)) {
            ChannelFuture write = peer.channel().writeAndFlush(new CloseWebSocketFrame(1000, ASCII_121 + EMOJI));
            assertTrue(write.isSuccess());
            Frame close = peer.expectClose(1000);
            assertEquals(ASCII_121, close.closeReason(), "the emoji would not fit whole: it is left out, not split");
            peer.expectNoMoreFrames();
        }
    }

    @Test
    void applicationCloseReasonOf123BytesIsSentWhole() {
        try (Peer client = peerOf(Role.SERVER)) {
            String reason = "a".repeat(119) + EMOJI;
            client.channel().writeAndFlush(new CloseWebSocketFrame(1001, reason));
            assertEquals(reason, client.expectClose(1001).closeReason());
        }
    }

    @Test
    void applicationCloseReasonOfManyKilobytesIsCutTo123Bytes() {
        try (Peer client = peerOf(Role.SERVER)) {
            client.channel().writeAndFlush(new CloseWebSocketFrame(4000, "é".repeat(5000))); // 2 bytes each
            assertEquals("é".repeat(61), client.expectClose(4000).closeReason()); // 122 bytes: a 62nd would not fit
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void applicationCloseWithACodeThatMayNotBeSentIsReplacedBy1011AndItsWriteFails(int code) {
        try (Peer client = peerOf(Role.SERVER)) {
            CloseWebSocketFrame close = new CloseWebSocketFrame(true, 0, Unpooled.buffer().writeShort(code));
            ChannelFuture write = client.channel().writeAndFlush(close);
            assertEquals(0, close.refCnt());
            assertEquals("Invalid close code " + code + ".",
                    assertInstanceOf(IllegalArgumentException.class, write.cause()).getMessage());
            assertEquals("", client.expectClose(1011).closeReason());
            client.expectNoMoreFrames();
            client.send(Frame.close(1011, "")); // the closing handshake goes on as for any Close
            client.expectConnectionClosed();
        }
    }

    @Test
    void applicationClosePayloadOfOneByteIsReplacedBy1011() {
        try (Peer client = peerOf(Role.SERVER)) {
            ChannelFuture write = client.channel().writeAndFlush(
                    new CloseWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {3})));
            assertEquals("Close payload of 1 byte.", write.cause().getMessage());
            client.expectClose(1011);
        }
    }

    @Test
    void applicationCloseReasonThatIsNotUtf8IsReplacedBy1011() {
        try (Peer client = peerOf(Role.SERVER)) {
            byte[] payload = {0x03, (byte) 0xE8, (byte) 0xFF}; // 1000, then a byte UTF-8 never has
            ChannelFuture write = client.channel().writeAndFlush(
                    new CloseWebSocketFrame(true, 0, Unpooled.wrappedBuffer(payload)));
            assertEquals("Close reason is not UTF-8.", write.cause().getMessage());
            client.expectClose(1011);
        }
    }

    @Test
    void nonFinalApplicationCloseIsSentAsAFinalFrame() {
        try (Peer client = peerOf(Role.SERVER)) {
            ChannelFuture write = client.channel().writeAndFlush(
                    new CloseWebSocketFrame(false, 0, Unpooled.buffer().writeShort(1000)));
            assertTrue(write.isSuccess());
            assertTrue(client.expectClose(1000).fin());
        }
    }
}
