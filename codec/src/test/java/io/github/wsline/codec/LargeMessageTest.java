package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_BINARY;
import static io.github.wsline.testsupport.Frame.OPCODE_CONTINUATION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Payloads of every length class (§5.2: 7-bit, 16-bit, 64-bit) go through whole, in any read size. */
class LargeMessageTest {
    private static final int THREE_MIB = 3 << 20;

    @ParameterizedTest(name = "{0} bytes in reads of {1}")
    @CsvSource({
        "0, 1", "1, 1", "125, 1", "126, 1", "127, 7", "65535, 1000", "65536, 1000", "65537, 65536",
        "3145728, 8192", "3145728, 2147483647",
    })
    void binaryMessageIsEchoedIntact(int length, int chunkSize) {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        WebSocketConfig config = WebSocketConfig.builder().maxFramePayloadLength(THREE_MIB).maxMessageSize(THREE_MIB).build();
        try (Peer client = Peer.of(config, new EchoHandler())) {
            client.chunkSize(chunkSize).send(Frame.of(OPCODE_BINARY, payload));
            assertArrayEquals(payload, client.readBinary());
        }
    }

    @ParameterizedTest(name = "{0} fragments of {1} bytes")
    @CsvSource({"4, 1048576", "64, 16384", "3, 1"})
    void fragmentedMessageIsJoinedIntact(int fragments, int fragmentLength) {
        byte[] payload = new byte[fragments * fragmentLength];
        new Random(fragments).nextBytes(payload);
        WebSocketConfig config = WebSocketConfig.builder().maxMessageSize(payload.length).build();
        try (Peer client = Peer.of(config, new EchoHandler())) {
            for (int i = 0; i < fragments; i++) {
                byte[] piece = java.util.Arrays.copyOfRange(payload, i * fragmentLength, (i + 1) * fragmentLength);
                Frame frame = Frame.of(i == 0 ? OPCODE_BINARY : OPCODE_CONTINUATION, piece);
                client.send(frame.fin(i == fragments - 1));
            }
            assertArrayEquals(payload, client.readBinary());
        }
    }
}
