package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;
import static io.github.wsline.codec.CodecTestSupport.decode;
import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.readDecoded;
import static io.github.wsline.codec.CodecTestSupport.referenceMask;
import static io.github.wsline.codec.CodecTestSupport.rejectionCode;
import static io.github.wsline.codec.CodecTestSupport.utf8Hex;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.codec.CodecTestSupport.Channels;
import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the decoder reads frames out of the reads it is given, and the rules of a single frame's header (RFC 6455
 * §5.2). Rules across fragments are in {@link MessageRulesTest}, Close payloads in {@link ClosePayloadTest}.
 */
class FrameDecoderTest {
    /** A masked text frame "Hello", masking key 37 fa 21 3d (RFC 6455 §5.7). */
    private static final String MASKED_HELLO = "81 85 37 fa 21 3d 7f 9f 4d 51 58";

    @RegisterExtension
    final Channels channels = new Channels();

    // --- Reads ------------------------------------------------------------------------------------------------

    @Test
    void frameFedOneByteAtATimeDecodes() {
        EmbeddedChannel server = channels.decoder(SERVER);
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : bytes(MASKED_HELLO)) {
            pieces.add(new byte[] {b});
        }
        assertEquals(List.of(Decoded.text(true, "Hello")), decode(server, pieces));
    }

    @Test
    void manyFramesInOneReadAllDecode() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client, ""
                + "81 05 48 65 6c 6c 6f" // Text "Hello".
                + "89 00" // Empty ping.
                + "82 02 01 02" // Binary 01 02.
                + "01 01 48" // Non-final text "H".
                + "80 01 69"); // Final continuation "i".
        assertEquals(List.of(
                Decoded.text(true, "Hello"),
                Decoded.frame("Ping", true, ""),
                Decoded.frame("Binary", true, "0102"),
                Decoded.text(false, "H"),
                Decoded.frame("Continuation", true, utf8Hex("i"))), frames);
    }

    @Test
    void maskedFrameAcrossManyReadsDecodes() {
        EmbeddedChannel server = channels.decoder(SERVER);
        byte[] payload = "0123456789".repeat(100).getBytes(US_ASCII);
        byte[] frame = bytes("81 fe 03 e8 37 fa 21 3d" // Masked text, 1000 bytes, key 37 fa 21 3d.
                + hex(referenceMask(payload, 0, payload.length, 0x37fa213d, 0)));
        List<byte[]> pieces = new ArrayList<>();
        for (int i = 0; i < frame.length; i += 7) {
            pieces.add(Arrays.copyOfRange(frame, i, Math.min(i + 7, frame.length)));
        }
        assertEquals(List.of(new Decoded("Text", true, 0, hex(payload))), decode(server, pieces));
    }

    @Test
    void readOnlyInputDecodes() {
        EmbeddedChannel server = channels.decoder(SERVER);
        server.writeInbound(Unpooled.wrappedBuffer(bytes(MASKED_HELLO)).asReadOnly());
        assertEquals(List.of(Decoded.text(true, "Hello")), readDecoded(server));
    }

    @Test
    void readOnlyInputIsNotUnmaskedInPlace() {
        EmbeddedChannel server = channels.decoder(SERVER);
        byte[] input = bytes(MASKED_HELLO);
        server.writeInbound(Unpooled.wrappedBuffer(input).asReadOnly());
        readDecoded(server);
        assertEquals(MASKED_HELLO.replace(" ", ""), hex(input));
    }

    @Test
    void readOnlyInputInPiecesDecodes() {
        EmbeddedChannel server = channels.decoder(SERVER);
        for (byte b : bytes(MASKED_HELLO)) {
            server.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}).asReadOnly());
        }
        assertEquals(List.of(Decoded.text(true, "Hello")), readDecoded(server));
    }

    // --- Header rules, decided from the first two bytes -------------------------------------------------------

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            83 FE | reserved data opcode 3
            84 FE | reserved data opcode 4
            85 FE | reserved data opcode 5
            86 FE | reserved data opcode 6
            87 FE | reserved data opcode 7
            8B FE | reserved control opcode B
            8C FE | reserved control opcode C
            8D FE | reserved control opcode D
            8E FE | reserved control opcode E
            8F FE | reserved control opcode F
            """)
    void reservedOpcodeIs1002FromTheFirstTwoBytes(String firstTwoBytes, String what) {
        assertEquals(1002, rejectionCode(channels.decoder(SERVER), firstTwoBytes));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            C2 FE | binary with RSV1
            A2 FE | binary with RSV2
            92 FE | binary with RSV3
            C9 80 | ping with RSV1
            """)
    void rsvBitWithoutAnExtensionIs1002FromTheFirstTwoBytes(String firstTwoBytes, String what) {
        assertEquals(1002, rejectionCode(channels.decoder(SERVER), firstTwoBytes));
    }

    @Test
    void rsvBitOtherThanTheAllowedOnesIs1002() {
        EmbeddedChannel server = channels.decoder(
                WebSocketConfig.builder().allowedRsvBits(WebSocketConfig.RSV1).build());
        assertEquals(1002, rejectionCode(server, "A2 FE")); // Masked binary with RSV2, 16-bit length to follow.
    }

    @Test
    void unmaskedFrameFromClientIs1002FromTheFirstTwoBytes() {
        assertEquals(1002, rejectionCode(channels.decoder(SERVER), "82 7E")); // Unmasked binary, length to follow.
    }

    @Test
    void maskedFrameFromServerIs1002FromTheFirstTwoBytes() {
        assertEquals(1002, rejectionCode(channels.decoder(CLIENT), "82 FE")); // Masked binary, length to follow.
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            08 80 | non-final masked close, key to follow
            09 85 | non-final masked ping, key to follow
            0A 85 | non-final masked pong, key to follow
            """)
    void nonFinalControlFrameIs1002FromTheFirstTwoBytes(String firstTwoBytes, String what) {
        assertEquals(1002, rejectionCode(channels.decoder(SERVER), firstTwoBytes));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            89 FE | masked ping, 16-bit length to follow
            8A FF | masked pong, 64-bit length to follow
            88 FE | masked close, 16-bit length to follow
            """)
    void controlFrameWithExtendedLengthIs1002FromTheFirstTwoBytes(String firstTwoBytes, String what) {
        assertEquals(1002, rejectionCode(channels.decoder(SERVER), firstTwoBytes));
    }

    // --- Length -----------------------------------------------------------------------------------------------

    @Test
    void lengthWithMostSignificantBitSetIs1002() {
        // Unmasked binary announcing 2^63 bytes.
        assertEquals(1002, rejectionCode(channels.decoder(CLIENT), "82 7F 80 00 00 00 00 00 00 00"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            82 7E 00 00                   | 0 in 16 bits
            82 7E 00 7D                   | 125 in 16 bits
            82 7F 00 00 00 00 00 00 00 7D | 125 in 64 bits
            82 7F 00 00 00 00 00 00 FF FF | 65535 in 64 bits
            """)
    void nonMinimalLengthIs1002(String header, String what) {
        assertEquals(1002, rejectionCode(channels.decoder(CLIENT), header));
    }

    @Test
    void frameLongerThanMaxFramePayloadLengthIs1009FromItsHeader() {
        EmbeddedChannel client = channels.decoder(
                WebSocketConfig.builder().role(CLIENT).maxFramePayloadLength(1000).build());
        assertEquals(1009, rejectionCode(client, "82 7E 03 E9")); // Binary of 1001 bytes, none of them written.
    }

    @Test
    void frameOfExactlyMaxFramePayloadLengthIsAccepted() {
        EmbeddedChannel client = channels.decoder(
                WebSocketConfig.builder().role(CLIENT).maxFramePayloadLength(1000).build());
        String payload = "ab".repeat(1000);
        assertEquals(List.of(Decoded.frame("Binary", true, payload)), decode(client, "82 7E 03 E8" + payload));
    }

    @Test
    void maskedFrameLongerThanMaxFramePayloadLengthIs1009FromItsHeader() {
        // Masked binary announcing 4 GiB, key 37 fa 21 3d, none of the payload written.
        assertEquals(1009, rejectionCode(channels.decoder(SERVER), "82 FF 00 00 00 01 00 00 00 00 37 fa 21 3d"));
    }

    @Test
    void lengthBeyondIntRangeIs1009() {
        // Unmasked binary announcing 2^31 bytes: one more than the largest int.
        assertEquals(1009, rejectionCode(channels.decoder(CLIENT), "82 7F 00 00 00 00 80 00 00 00"));
    }

    // --- Nothing after a Close or a violation -----------------------------------------------------------------

    @Test
    void restOfTheReadAfterACloseIsDiscarded() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client, "88 00 81 01 41"); // Empty close, then text "A".
        assertEquals(List.of(Decoded.frame("Close", true, "")), frames);
    }

    @Test
    void laterReadsAfterACloseAreDiscarded() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        decode(client, "88 00"); // Empty close.
        assertEquals(List.of(), decode(client, "81 01 41", "ff ff ff")); // Text "A", then garbage.
    }

    @Test
    void restOfTheReadAfterAViolationIsDiscarded() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        byte[] read = bytes("80 00 81 01 41"); // Continuation without a message, then text "A".
        assertThrows(CorruptedWebSocketFrameException.class, () -> client.writeInbound(Unpooled.wrappedBuffer(read)));
        assertEquals(List.of(), readDecoded(client));
    }

    @Test
    void laterReadsAfterAViolationAreDiscarded() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        rejectionCode(client, "80 00"); // Continuation without a message.
        assertEquals(List.of(), decode(client, "81 01 41", "ff ff ff")); // Text "A", then garbage.
    }
}
