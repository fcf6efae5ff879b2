package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;
import static io.github.wsline.codec.CodecTestSupport.decode;
import static io.github.wsline.codec.CodecTestSupport.rejectionCode;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.codec.CodecTestSupport.Channels;
import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §5.5.1 and §7.4: a Close payload is empty, or a sendable 2-byte code and a UTF-8 reason. */
class ClosePayloadTest {
    @RegisterExtension
    final Channels channels = new Channels();

    @Test
    void emptyCloseIsAccepted() {
        List<Decoded> frames = decode(channels.decoder(CLIENT), "88 00"); // Empty close.
        assertEquals(List.of(Decoded.frame("Close", true, "")), frames);
    }

    @Test
    void closeOfOneByteIs1002() {
        assertEquals(1002, rejectionCode(channels.decoder(CLIENT), "88 01 03")); // Close with half a code.
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            88 02 00 00 | code 0
            88 02 03 E7 | code 999, below the range
            88 02 03 EC | code 1004, reserved
            88 02 03 ED | code 1005, never sent: no status code
            88 02 03 EE | code 1006, never sent: abnormal closure
            88 02 03 F7 | code 1015, never sent: TLS handshake failure
            88 02 0B B7 | code 2999, reserved for future RFCs
            88 02 13 88 | code 5000, above the range
            88 02 FF FF | code 65535
            """)
    void closeWithAnUnsendableCodeIs1002(String frame, String what) {
        assertEquals(1002, rejectionCode(channels.decoder(CLIENT), frame));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            88 02 03 E8 | code 1000, normal closure
            88 02 03 F6 | code 1014, bad gateway
            88 02 0B B8 | code 3000, the first library code
            88 02 13 87 | code 4999, the last application code
            """)
    void closeWithASendableCodeIsAccepted(String frame, String what) {
        assertEquals(1, decode(channels.decoder(CLIENT), frame).size());
    }

    @Test
    void closeWithAUtf8ReasonIsAccepted() {
        List<Decoded> frames = decode(channels.decoder(CLIENT), "88 07 03 E8 C3 A9 74 C3 A9"); // 1000 "été".
        assertEquals(List.of(Decoded.frame("Close", true, "03e8c3a974c3a9")), frames);
    }

    @Test
    void closeReasonThatIsNotUtf8Is1007() {
        assertEquals(1007, rejectionCode(channels.decoder(CLIENT), "88 04 03 E8 C3 28")); // 1000, C3 then "(".
    }

    @Test
    void closeReasonEndingInsideACharacterIs1007() {
        assertEquals(1007, rejectionCode(channels.decoder(CLIENT), "88 03 03 E8 C3")); // 1000, lead byte of U+00E9.
    }

    @Test
    void maskedCloseCodeIsCheckedAfterUnmasking() {
        // Masked close, key 37 fa 21 3d, code 1005 (03 ED masked to 34 17).
        assertEquals(1002, rejectionCode(channels.decoder(SERVER), "88 82 37 FA 21 3D 34 17"));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            88 01 03          | 03          | Close payload of 1 byte.
            88 02 03 ED       | 03 ED       | Invalid close code 1005.
            88 04 03 E8 C3 28 | 03 E8 C3 28 | Close reason is not UTF-8.
            """)
    void decoderAndEncoderRefuseABadCloseWithOneSentence(String frame, String payload, String sentence) {
        CorruptedWebSocketFrameException received =
                assertThrows(CorruptedWebSocketFrameException.class, () -> decode(channels.decoder(CLIENT), frame));
        ChannelFuture sent = channels.encoder(SERVER)
                .writeAndFlush(new CloseWebSocketFrame(true, 0, Unpooled.wrappedBuffer(bytes(payload))));
        assertEquals(sentence, received.getMessage());
        assertEquals(sentence, sent.cause().getCause().getMessage());
    }
}
