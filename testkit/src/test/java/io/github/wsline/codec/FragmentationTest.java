package io.github.wsline.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.testkit.RawFrame;
import io.github.wsline.testkit.ReceivedFrame;
import io.github.wsline.testkit.WebSocketTestClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.4: fragments are joined into one message, or streamed as they come when aggregation is off. */
class FragmentationTest {

    @Test
    void fragmentsAreDeliveredAsOneTextMessage() {
        EchoHandler app = new EchoHandler();
        try (WebSocketTestClient client = WebSocketTestClient.openUpgraded(WebSocketConfig.builder().build(), app)) {
            client.send(RawFrame.text("Hel").fin(false));
            client.send(RawFrame.continuation("lo, ").fin(false));
            client.send(RawFrame.continuation("world"));
            assertEquals(List.of("Text:true:Hello, world"), app.received);
            assertEquals("Hello, world", client.readFrame().text()); // echoed as one frame
        }
    }

    @Test
    void fragmentsAreDeliveredAsOneBinaryMessage() {
        try (WebSocketTestClient client = WebSocketTestClient.openUpgraded(WebSocketConfig.builder().build(), new EchoHandler())) {
            client.send(RawFrame.binary(new byte[] {1, 2}).fin(false));
            client.send(RawFrame.continuation(new byte[0]).fin(false));
            client.send(RawFrame.continuation(new byte[] {3}));
            ReceivedFrame echoed = client.readFrame();
            assertEquals(ReceivedFrame.Type.BINARY, echoed.type());
            assertArrayEquals(new byte[] {1, 2, 3}, echoed.payload());
        }
    }

    @Test
    void pingBetweenFragmentsIsAnsweredAndTheMessageStillArrives() {
        try (WebSocketTestClient client = WebSocketTestClient.openUpgraded(WebSocketConfig.builder().build(), new EchoHandler())) {
            client.send(RawFrame.text("Hel").fin(false));
            client.sendPing(new byte[] {42});
            client.send(RawFrame.continuation("lo"));
            ReceivedFrame pong = client.readFrame();
            assertEquals(ReceivedFrame.Type.PONG, pong.type());
            assertArrayEquals(new byte[] {42}, pong.payload());
            assertEquals("Hello", client.readText());
        }
    }

    @Test
    void withoutAggregationFragmentsAreDeliveredAsTheyArrive() {
        EchoHandler app = new EchoHandler();
        WebSocketConfig streaming = WebSocketConfig.builder().aggregateMessages(false).build();
        try (WebSocketTestClient client = WebSocketTestClient.openUpgraded(streaming, app)) {
            client.send(RawFrame.text("Hel").fin(false));
            assertEquals(List.of("Text:false:Hel"), app.received); // before the message ends
            client.send(RawFrame.continuation("lo"));
            assertEquals(List.of("Text:false:Hel", "Continuation:true:lo"), app.received);
            assertEquals("Hello", client.readText()); // echoed as the same two fragments
        }
    }

    @Test
    void streamedMessageIsStillLimitedBySize() {
        WebSocketConfig streaming = WebSocketConfig.builder().aggregateMessages(false).maxMessageSize(10).build();
        try (WebSocketTestClient client = WebSocketTestClient.openUpgraded(streaming, new EchoHandler())) {
            client.send(RawFrame.binary(new byte[6]).fin(false));
            client.send(RawFrame.continuation(new byte[6]));
            client.readFrame(); // the first fragment was echoed before the second arrived
            client.expectClose(1009);
            client.expectConnectionClosed();
        }
    }

    @Test
    void manyTinyFragmentsAreJoined() {
        try (WebSocketTestClient client = WebSocketTestClient.openUpgraded(WebSocketConfig.builder().build(), new EchoHandler())) {
            StringBuilder expected = new StringBuilder();
            client.send(RawFrame.text("").fin(false));
            for (int i = 0; i < 1000; i++) {
                String piece = Integer.toString(i % 10);
                expected.append(piece);
                client.send(RawFrame.continuation(piece).fin(false));
            }
            client.send(RawFrame.continuation(""));
            assertEquals(expected.toString(), client.readText());
        }
    }
}
