package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_BINARY;
import static io.github.wsline.testsupport.Frame.OPCODE_CONTINUATION;
import static io.github.wsline.testsupport.Frame.OPCODE_PING;
import static io.github.wsline.testsupport.Frame.OPCODE_PONG;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.4: fragments are joined into one message, or streamed as they come when aggregation is off. */
class FragmentationTest {

    @Test
    void fragmentsAreDeliveredAsOneTextMessage() {
        EchoHandler app = new EchoHandler();
        try (Peer client = Peer.of(WebSocketConfig.builder().build(), app)) {
            client.send(Frame.of(OPCODE_TEXT, "Hel").fin(false));
            client.send(Frame.of(OPCODE_CONTINUATION, "lo, ").fin(false));
            client.send(Frame.of(OPCODE_CONTINUATION, "world"));
            assertEquals(List.of("Text:true:Hello, world"), app.received);
            assertEquals("Hello, world", client.readFrame().text()); // echoed as one frame
        }
    }

    @Test
    void fragmentsAreDeliveredAsOneBinaryMessage() {
        try (Peer client = Peer.of(WebSocketConfig.builder().build(), new EchoHandler())) {
            client.send(Frame.of(OPCODE_BINARY, new byte[] {1, 2}).fin(false));
            client.send(Frame.of(OPCODE_CONTINUATION, new byte[0]).fin(false));
            client.send(Frame.of(OPCODE_CONTINUATION, new byte[] {3}));
            Frame echoed = client.readFrame();
            assertEquals(OPCODE_BINARY, echoed.opcode());
            assertArrayEquals(new byte[] {1, 2, 3}, echoed.payload());
        }
    }

    @Test
    void pingBetweenFragmentsIsAnsweredAndTheMessageStillArrives() {
        try (Peer client = Peer.of(WebSocketConfig.builder().build(), new EchoHandler())) {
            client.send(Frame.of(OPCODE_TEXT, "Hel").fin(false));
            client.send(Frame.of(OPCODE_PING, new byte[] {42}));
            client.send(Frame.of(OPCODE_CONTINUATION, "lo"));
            Frame pong = client.readFrame();
            assertEquals(OPCODE_PONG, pong.opcode());
            assertArrayEquals(new byte[] {42}, pong.payload());
            assertEquals("Hello", client.readText());
        }
    }

    @Test
    void withoutAggregationFragmentsAreDeliveredAsTheyArrive() {
        EchoHandler app = new EchoHandler();
        WebSocketConfig streaming = WebSocketConfig.builder().aggregateMessages(false).build();
        try (Peer client = Peer.of(streaming, app)) {
            client.send(Frame.of(OPCODE_TEXT, "Hel").fin(false));
            assertEquals(List.of("Text:false:Hel"), app.received); // before the message ends
            client.send(Frame.of(OPCODE_CONTINUATION, "lo"));
            assertEquals(List.of("Text:false:Hel", "Continuation:true:lo"), app.received);
            assertEquals("Hello", client.readText()); // echoed as the same two fragments
        }
    }

    @Test
    void streamedMessageIsStillLimitedBySize() {
        WebSocketConfig streaming = WebSocketConfig.builder().aggregateMessages(false).maxMessageSize(10).build();
        try (Peer client = Peer.of(streaming, new EchoHandler())) {
            client.send(Frame.of(OPCODE_BINARY, new byte[6]).fin(false));
            client.send(Frame.of(OPCODE_CONTINUATION, new byte[6]));
            client.readFrame(); // the first fragment was echoed before the second arrived
            client.expectClose(1009);
            client.expectConnectionClosed();
        }
    }

    @Test
    void manyTinyFragmentsAreJoined() {
        try (Peer client = Peer.of(WebSocketConfig.builder().build(), new EchoHandler())) {
            StringBuilder expected = new StringBuilder();
            client.send(Frame.of(OPCODE_TEXT, "").fin(false));
            for (int i = 0; i < 1000; i++) {
                String piece = Integer.toString(i % 10);
                expected.append(piece);
                client.send(Frame.of(OPCODE_CONTINUATION, piece).fin(false));
            }
            client.send(Frame.of(OPCODE_CONTINUATION, ""));
            assertEquals(expected.toString(), client.readText());
        }
    }
}
