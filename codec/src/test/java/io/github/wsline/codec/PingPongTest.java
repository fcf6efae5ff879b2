package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_PING;
import static io.github.wsline.testsupport.Frame.OPCODE_PONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5.2-§5.5.3: a Ping is answered by a Pong with the same payload; an unsolicited Pong is ignored. */
class PingPongTest {
    private final EchoHandler app = new EchoHandler();
    private final Peer client = Peer.of(WebSocketConfig.builder().build(), app);

    @AfterEach
    void closeClient() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125})
    void pingIsAnsweredWithPongCarryingTheSamePayload(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 7);
        }
        client.send(Frame.of(OPCODE_PING, payload));
        Frame pong = client.readFrame();
        assertEquals(OPCODE_PONG, pong.opcode());
        assertArrayEquals(payload, pong.payload());
        assertTrue(app.received.isEmpty(), "pings are not the application's business");
    }

    @Test
    void everyPingOfABurstIsAnswered() {
        for (int i = 0; i < 10; i++) {
            client.send(Frame.of(OPCODE_PING, new byte[] {(byte) i}));
        }
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(new byte[] {(byte) i}, client.readFrame().payload());
        }
        client.expectNoMoreFrames();
    }

    @Test
    void unsolicitedPongIsIgnored() {
        client.send(Frame.of(OPCODE_PONG, new byte[] {1, 2, 3}));
        client.expectNoMoreFrames();
        client.expectConnectionOpen();
        assertTrue(app.received.isEmpty());
    }
}
