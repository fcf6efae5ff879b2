package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;
import static io.github.wsline.codec.CodecTestSupport.decode;
import static io.github.wsline.codec.CodecTestSupport.encode;
import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.utf8Hex;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.codec.CodecTestSupport.Channels;
import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The examples of RFC 6455 §5.7, byte for byte, in both directions. */
class Rfc6455ExamplesTest {
    @RegisterExtension
    final Channels channels = new Channels();

    // --- Decoding ---------------------------------------------------------------------------------------------

    @Test
    void maskedHelloFromClientDecodesToText() {
        EmbeddedChannel server = channels.decoder(SERVER);
        List<Decoded> frames = decode(server, "81 85 37 fa 21 3d 7f 9f 4d 51 58"); // Masked text "Hello".
        assertEquals(List.of(Decoded.text(true, "Hello")), frames);
    }

    @Test
    void unmaskedHelloFromServerDecodesToText() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client, "81 05 48 65 6c 6c 6f"); // Unmasked text "Hello".
        assertEquals(List.of(Decoded.text(true, "Hello")), frames);
    }

    @Test
    void fragmentedHelloDecodesToNonFinalTextThenFinalContinuation() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client,
                "01 03 48 65 6c", // Unmasked non-final text "Hel".
                "80 02 6c 6f"); // Unmasked final continuation "lo".
        assertEquals(List.of(Decoded.text(false, "Hel"), Decoded.frame("Continuation", true, utf8Hex("lo"))), frames);
    }

    @Test
    void unmaskedPingDecodes() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client, "89 05 48 65 6c 6c 6f"); // Unmasked ping "Hello".
        assertEquals(List.of(Decoded.frame("Ping", true, utf8Hex("Hello"))), frames);
    }

    @Test
    void maskedPongDecodes() {
        EmbeddedChannel server = channels.decoder(SERVER);
        List<Decoded> frames = decode(server, "8a 85 37 fa 21 3d 7f 9f 4d 51 58"); // Masked pong "Hello".
        assertEquals(List.of(Decoded.frame("Pong", true, utf8Hex("Hello"))), frames);
    }

    @Test
    void binaryFrameWith16BitLengthDecodes() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        byte[] payload = countingBytes(256);
        List<Decoded> frames = decode(client, "82 7E 01 00" + hex(payload)); // Unmasked binary, 256 bytes.
        assertEquals(List.of(Decoded.frame("Binary", true, hex(payload))), frames);
    }

    @Test
    void binaryFrameWith64BitLengthDecodes() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        byte[] payload = countingBytes(65536);
        List<Decoded> frames = decode(client, "82 7F 00 00 00 00 00 01 00 00" + hex(payload)); // Unmasked, 64 KiB.
        assertEquals(List.of(Decoded.frame("Binary", true, hex(payload))), frames);
    }

    @Test
    void rsvBitsAndFinAreDecoded() {
        EmbeddedChannel client = channels.decoder(WebSocketConfig.builder().role(CLIENT).allowedRsvBits(7).build());
        List<Decoded> frames = decode(client, "52 01 ab"); // Non-final binary with RSV1 and RSV3 set, 1 byte.
        assertEquals(List.of(new Decoded("Binary", false, 0b101, "ab")), frames);
    }

    // --- Encoding ---------------------------------------------------------------------------------------------

    @Test
    void serverEncodesHelloUnmasked() {
        byte[] encoded = encode(channels.encoder(SERVER), new TextWebSocketFrame("Hello"));
        assertEquals("810548656c6c6f", hex(encoded)); // Unmasked text "Hello".
    }

    @Test
    void clientEncodesHelloMaskedWithTheGivenKey() {
        byte[] encoded = encode(channels.maskingEncoder(() -> 0x37fa213d), new TextWebSocketFrame("Hello"));
        assertEquals("818537fa213d7f9f4d5158", hex(encoded)); // Masked text "Hello".
    }

    @Test
    void serverEncodes256BytesWith16BitLength() {
        byte[] payload = countingBytes(256);
        byte[] encoded = encode(channels.encoder(SERVER), new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        assertEquals("827e0100" + hex(payload), hex(encoded)); // Unmasked binary, 256 bytes.
    }

    @Test
    void serverEncodes64KiBWith64BitLength() {
        byte[] payload = countingBytes(65536);
        byte[] encoded = encode(channels.encoder(SERVER), new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        assertEquals("827f0000000000010000" + hex(payload), hex(encoded)); // Unmasked binary, 64 KiB.
    }

    @Test
    void rsvBitsAndFinAreEncoded() {
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(false, 0b101, Unpooled.wrappedBuffer(bytes("ab")));
        byte[] encoded = encode(channels.encoder(SERVER), frame);
        assertEquals("5201ab", hex(encoded)); // Non-final binary with RSV1 and RSV3 set, 1 byte.
    }

    /** 00 01 02 ... FF 00 01 ... */
    private static byte[] countingBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
