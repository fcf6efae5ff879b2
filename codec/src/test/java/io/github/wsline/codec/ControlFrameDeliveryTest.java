package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_PING;
import static io.github.wsline.testsupport.Frame.OPCODE_PONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.Frame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ping and Pong frames passed on to the application when the config asks for it, for applications written for
 * Netty's handlers, which count Pongs ({@code dropPongFrames(false)}) or answer Pings themselves; server role.
 */
class ControlFrameDeliveryTest {
    private final RecordingApplication app = new RecordingApplication();

    @Test
    void deliverOptionsAreOffByDefaultAndKeptByToBuilder() {
        WebSocketConfig defaults = WebSocketConfig.builder().build();
        assertFalse(defaults.deliverCloseFrames() || defaults.deliverPongFrames() || defaults.deliverPingFrames());

        WebSocketConfig all = WebSocketConfig.builder()
                .deliverCloseFrames(true).deliverPongFrames(true).deliverPingFrames(true).build();
        WebSocketConfig copy = all.toBuilder().build();
        assertTrue(copy.deliverCloseFrames() && copy.deliverPongFrames() && copy.deliverPingFrames());
        assertEquals(all.toString(), copy.toString());
    }

    @Test
    void pongFramesAreDeliveredWhenAskedFor() {
        try (Peer client = Peer.of(WebSocketConfig.builder().deliverPongFrames(true).build(), app)) {
            client.send(Frame.of(OPCODE_PONG, "42"));
            client.expectNoMoreFrames();
            assertEquals(List.of("Pong:42"), app.received);
        }
    }

    @Test
    void pongFramesAreConsumedByDefault() {
        try (Peer client = Peer.of(WebSocketConfig.builder().build(), app)) {
            client.send(Frame.of(OPCODE_PONG, "42"));
            client.expectNoMoreFrames();
            assertTrue(app.received.isEmpty());
        }
    }

    @Test
    void pingsAreLeftToTheApplicationWhenAskedFor() {
        try (Peer client = Peer.of(WebSocketConfig.builder().deliverPingFrames(true).build(), app)) {
            client.send(Frame.of(OPCODE_PING, "are you there"));
            assertEquals(List.of("Ping:are you there"), app.received);
            Frame pong = client.readFrame(); // the application's: the codec sent none of its own
            assertEquals(OPCODE_PONG, pong.opcode());
            assertEquals("are you there", pong.text());
            client.expectNoMoreFrames();
        }
    }

    @Test
    void pingAfterOurCloseIsDeliveredButItsPongFails() {
        try (Peer client = Peer.of(WebSocketConfig.builder().deliverPingFrames(true).build(), app)) {
            client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
            client.send(Frame.of(OPCODE_PING, "crossed"));
            assertEquals(List.of("Ping:crossed"), app.received);
            assertFalse(app.answers.get(0).isSuccess(), "nothing follows our Close (§5.5.1)");
            client.expectClose(1000);
            client.expectNoMoreFrames();
        }
    }
}
