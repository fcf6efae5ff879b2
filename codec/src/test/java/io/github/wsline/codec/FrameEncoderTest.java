package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;
import static io.github.wsline.codec.CodecTestSupport.encode;
import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.wsline.codec.CodecTestSupport.Channels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the encoder writes besides the RFC examples ({@link Rfc6455ExamplesTest}), and what it refuses to write. */
class FrameEncoderTest {
    @RegisterExtension
    final Channels channels = new Channels();

    // --- Accepted ---------------------------------------------------------------------------------------------

    @Test
    void pingOf125BytesIsEncoded() {
        byte[] encoded = encode(channels.encoder(SERVER), new PingWebSocketFrame(payload(125)));
        assertEquals("897d", hex(encoded).substring(0, 4)); // Ping, 125 bytes.
    }

    @Test
    void emptyCloseIsEncoded() {
        byte[] encoded = encode(channels.encoder(SERVER), new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER));
        assertEquals("8800", hex(encoded)); // Empty close.
    }

    @Test
    void closeWithCodeAndReasonIsEncoded() {
        byte[] encoded = encode(channels.encoder(SERVER), new CloseWebSocketFrame(1000, "bye"));
        assertEquals("880503e8627965", hex(encoded)); // Close 1000 "bye".
    }

    @Test
    void largeServerPayloadIsWrittenBehindItsHeaderWithoutACopy() {
        EmbeddedChannel encoder = channels.encoder(SERVER);
        ByteBuf payload = payload(FrameEncoder.COPY_THRESHOLD + 1);
        encoder.writeOutbound(new BinaryWebSocketFrame(payload));
        ByteBuf header = encoder.readOutbound();
        ByteBuf body = encoder.readOutbound();
        try {
            assertEquals("827e0401", ByteBufUtil.hexDump(header)); // Binary, 16-bit length 1025.
            assertEquals(payload, body);
            assertEquals(payload.array(), body.array()); // the same memory: not copied
        } finally {
            header.release();
            body.release();
        }
    }

    @Test
    void smallServerPayloadIsCopiedBehindItsHeaderIntoOneBuffer() {
        EmbeddedChannel encoder = channels.encoder(SERVER);
        encoder.writeOutbound(new BinaryWebSocketFrame(payload(FrameEncoder.COPY_THRESHOLD)));
        ByteBuf frame = encoder.readOutbound();
        try {
            assertEquals(4 + FrameEncoder.COPY_THRESHOLD, frame.readableBytes());
            assertNull(encoder.readOutbound());
        } finally {
            frame.release();
        }
    }

    @Test
    void onlyTheReadableBytesOfTheContentAreEncoded() {
        ByteBuf content = Unpooled.wrappedBuffer(bytes("00 61 62")).skipBytes(1);
        byte[] encoded = encode(channels.encoder(SERVER), new TextWebSocketFrame(content));
        assertEquals("81026162", hex(encoded)); // Text "ab".
    }

    @Test
    void eachFrameGetsAFreshMaskingKey() {
        AtomicInteger keys = new AtomicInteger();
        EmbeddedChannel client = channels.maskingEncoder(() -> keys.incrementAndGet() * 0x11111111);
        byte[] encoded = encode(client, new TextWebSocketFrame("a"), new TextWebSocketFrame("a"));
        assertEquals("818111111111" + "70" // Text "a" masked with key 11 11 11 11.
                + "818122222222" + "43", hex(encoded)); // Text "a" masked with key 22 22 22 22.
    }

    @Test
    void clientRoleMasks() {
        byte[] encoded = encode(channels.encoder(CLIENT), new TextWebSocketFrame("a"));
        assertEquals(0x81, encoded[1] & 0xFF); // Mask bit and length 1.
    }

    @Test
    void encodedFrameIsReleased() {
        TextWebSocketFrame frame = new TextWebSocketFrame("Hello");
        encode(channels.encoder(SERVER), frame);
        assertEquals(0, frame.refCnt());
    }

    @Test
    void bytesThatAreNotAFramePassThrough() {
        EmbeddedChannel server = channels.encoder(SERVER);
        server.writeOutbound(Unpooled.wrappedBuffer(bytes("81 01 61"))); // Text "a", already encoded.
        ByteBuf out = server.readOutbound();
        try {
            assertEquals("810161", ByteBufUtil.hexDump(out));
        } finally {
            out.release();
        }
    }

    // --- Refused ----------------------------------------------------------------------------------------------

    static Stream<Named<Supplier<WebSocketFrame>>> unsendableFrames() {
        return Stream.of(
                Named.of("ping of 126 bytes", () -> new PingWebSocketFrame(payload(126))),
                Named.of("pong of 126 bytes", () -> new PongWebSocketFrame(payload(126))),
                Named.of("non-final ping", () -> new PingWebSocketFrame(false, 0, payload(1))),
                Named.of("close with code 1005", () -> new CloseWebSocketFrame(true, 0, wrap("03 ed"))),
                Named.of("close with code 1006", () -> new CloseWebSocketFrame(true, 0, wrap("03 ee"))),
                Named.of("close of 1 byte", () -> new CloseWebSocketFrame(true, 0, wrap("03"))),
                Named.of("close whose reason is not UTF-8", () -> new CloseWebSocketFrame(true, 0, wrap("03 e8 c3 28"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsendableFrames")
    void unsendableFrameFailsTheWrite(Supplier<WebSocketFrame> unsendable) {
        ChannelFuture write = channels.encoder(SERVER).writeAndFlush(unsendable.get());
        assertInstanceOf(EncoderException.class, write.cause());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsendableFrames")
    void unsendableFrameWritesNothing(Supplier<WebSocketFrame> unsendable) {
        EmbeddedChannel server = channels.encoder(SERVER);
        server.writeAndFlush(unsendable.get());
        assertNull(server.readOutbound());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsendableFrames")
    void unsendableFrameIsReleased(Supplier<WebSocketFrame> unsendable) {
        WebSocketFrame frame = unsendable.get();
        channels.encoder(SERVER).writeAndFlush(frame);
        assertEquals(0, frame.refCnt());
    }

    private static ByteBuf payload(int length) {
        return Unpooled.wrappedBuffer(new byte[length]);
    }

    private static ByteBuf wrap(String hex) {
        return Unpooled.wrappedBuffer(bytes(hex));
    }
}
