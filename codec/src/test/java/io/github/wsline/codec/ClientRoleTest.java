package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_CLOSE;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol handler in the client role: it masks, expects unmasked frames, and lets the server close TCP first. */
class ClientRoleTest {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private final EchoHandler app = new EchoHandler();
    /** The server: it reads what the client wrote, and fails the test on an unmasked frame (§5.1). */
    private final Peer server = Peer.of(WebSocketConfig.builder()
            .role(WebSocketConfig.Role.CLIENT).closeTimeout(CLOSE_TIMEOUT).build(), app);

    @AfterEach
    void finish() {
        server.close();
    }

    /** A frame from the server: unmasked, as §5.1 wants it. */
    private void receive(Frame frame) {
        server.send(frame.masked(false));
    }

    @Test
    void clientMasksEveryFrame() {
        server.channel().writeAndFlush(new TextWebSocketFrame("Hello"));
        Frame frame = server.readFrame();
        assertTrue(frame.masked(), "MASK bit");
        assertEquals("Hello", frame.text());
    }

    @Test
    void unmaskedServerFramesAreDelivered() {
        receive(Frame.of(OPCODE_TEXT, "from server"));
        assertEquals("Text:true:from server", app.received.get(0));
        server.readFrame(); // the echo
    }

    @Test
    void maskedServerFrameClosesWith1002() {
        server.send(Frame.of(OPCODE_TEXT, "masked"));
        assertEquals("Server frames must not be masked.", server.expectClose(1002).closeReason());
        server.expectConnectionClosed();
        assertTrue(app.received.isEmpty());
    }

    @Test
    void serverCloseIsAnsweredThenTheClientWaitsForTheServerToCloseTcp() {
        receive(Frame.close(1001, "restarting"));
        server.expectClose(1001);
        server.expectConnectionOpen(); // §7.1.1: the server closes TCP first
        server.advanceTime(CLOSE_TIMEOUT);
        server.expectConnectionClosed(); // but it is not waited for forever
    }

    @Test
    void clientCloseAnsweredByServerStillLetsTheServerCloseTcpFirst() {
        server.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        assertEquals(OPCODE_CLOSE, server.readFrame().opcode());
        receive(Frame.close(1000, ""));
        server.expectConnectionOpen();
        server.expectNoMoreFrames(); // no second Close
        server.advanceTime(CLOSE_TIMEOUT);
        server.expectConnectionClosed();
    }

    @Test
    void writeAfterCloseFails() {
        server.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        server.readFrame();
        assertInstanceOf(IllegalStateException.class,
                server.channel().writeAndFlush(new TextWebSocketFrame("late")).cause());
    }
}
