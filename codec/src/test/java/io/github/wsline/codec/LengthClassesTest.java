package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.decode;
import static io.github.wsline.codec.CodecTestSupport.encode;
import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.codec.CodecTestSupport.Channels;
import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.github.wsline.codec.WebSocketConfig.Role;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three length encodings of RFC 6455 §5.2 at their edges: 7 bits up to 125, 16 bits up to 65535, 64 bits
 * beyond. Each row gives the header the server writes and the one the client writes with masking key 0a0b0c0d.
 */
class LengthClassesTest {
    private static final int MASK_KEY = 0x0a0b0c0d;
    /** Payload length | server header | client header. */
    private static final String HEADERS = """
            0       | 8200                 | 82800a0b0c0d
            1       | 8201                 | 82810a0b0c0d
            125     | 827d                 | 82fd0a0b0c0d
            126     | 827e007e             | 82fe007e0a0b0c0d
            127     | 827e007f             | 82fe007f0a0b0c0d
            65535   | 827effff             | 82feffff0a0b0c0d
            65536   | 827f0000000000010000 | 82ff00000000000100000a0b0c0d
            3145728 | 827f0000000000300000 | 82ff00000000003000000a0b0c0d
            """;

    @RegisterExtension
    final Channels channels = new Channels();

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource(delimiter = '|', textBlock = HEADERS)
    void serverWritesTheMinimalLengthField(int length, String serverHeader, String clientHeader) {
        byte[] encoded = encode(channels.encoder(SERVER), binary(payload(length)));
        assertEquals(serverHeader, hex(Arrays.copyOf(encoded, serverHeader.length() / 2)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource(delimiter = '|', textBlock = HEADERS)
    void clientWritesTheMinimalLengthFieldAndTheMaskingKey(int length, String serverHeader, String clientHeader) {
        byte[] encoded = encode(channels.maskingEncoder(() -> MASK_KEY), binary(payload(length)));
        assertEquals(clientHeader, hex(Arrays.copyOf(encoded, clientHeader.length() / 2)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 3 << 20})
    void serverFrameDecodesBackIdentical(int length) {
        assertRoundTrip(channels.encoder(SERVER), CLIENT, payload(length));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 3 << 20})
    void clientFrameDecodesBackIdentical(int length) {
        assertRoundTrip(channels.maskingEncoder(() -> MASK_KEY), SERVER, payload(length));
    }

    private void assertRoundTrip(EmbeddedChannel encoder, Role decoderRole, byte[] payload) {
        WebSocketConfig config = WebSocketConfig.builder()
                .role(decoderRole)
                .maxFramePayloadLength(4 << 20)
                .maxMessageSize(4 << 20)
                .build();
        byte[] encoded = encode(encoder, binary(payload));
        List<Decoded> frames = decode(channels.decoder(config), List.of(encoded));
        assertEquals(List.of(new Decoded("Binary", true, 0, hex(payload))), frames);
    }

    private static BinaryWebSocketFrame binary(byte[] payload) {
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload));
    }

    private static byte[] payload(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
