package io.github.wsline.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testkit.RawFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol handler in the client role: it masks, expects unmasked frames, and lets the server close TCP first. */
class ClientRoleTest {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private final EchoHandler app = new EchoHandler();
    private final EmbeddedChannel channel = new EmbeddedChannel(new WebSocketConnectionHandler(WebSocketConfig.builder()
            .role(WebSocketConfig.Role.CLIENT).closeTimeout(CLOSE_TIMEOUT).build()), app);
    /** Reads what the client wrote, as a server would. */
    private final EmbeddedChannel server = new EmbeddedChannel(new FrameDecoder(WebSocketConfig.builder().build()));

    ClientRoleTest() {
        channel.freezeTime();
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    private void receive(RawFrame frame) {
        channel.writeInbound(Unpooled.wrappedBuffer(frame.masked(false).toBytes(0)));
    }

    /** The next frame the client wrote, decoded by a strict server-role decoder (which rejects unmasked frames). */
    private WebSocketFrame written() {
        for (ByteBuf bytes; (bytes = channel.readOutbound()) != null; ) {
            server.writeInbound(bytes);
        }
        return server.readInbound();
    }

    private void advanceTime(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void clientMasksEveryFrame() {
        channel.writeAndFlush(new TextWebSocketFrame("Hello"));
        ByteBuf bytes = channel.readOutbound();
        try {
            assertEquals(0x80, bytes.getUnsignedByte(1) & 0x80, "MASK bit");
            server.writeInbound(bytes.retain());
            TextWebSocketFrame frame = server.readInbound();
            assertEquals("Hello", frame.text());
            frame.release();
        } finally {
            bytes.release();
        }
    }

    @Test
    void unmaskedServerFramesAreDelivered() {
        receive(RawFrame.text("from server"));
        assertEquals("Text:true:from server", app.received.get(0));
        written().release(); // the echo
    }

    @Test
    void maskedServerFrameClosesWith1002() {
        channel.writeInbound(Unpooled.wrappedBuffer(RawFrame.text("masked").toBytes(7)));
        CloseWebSocketFrame close = (CloseWebSocketFrame) written();
        assertEquals(1002, close.statusCode());
        assertEquals("Server frames must not be masked.", close.reasonText());
        close.release();
        assertFalse(channel.isOpen());
        assertTrue(app.received.isEmpty());
    }

    @Test
    void serverCloseIsAnsweredThenTheClientWaitsForTheServerToCloseTcp() {
        receive(RawFrame.close(1001, "restarting"));
        CloseWebSocketFrame reply = (CloseWebSocketFrame) written();
        assertEquals(1001, reply.statusCode());
        reply.release();
        assertTrue(channel.isOpen(), "§7.1.1: the server closes TCP first");
        advanceTime(CLOSE_TIMEOUT);
        assertFalse(channel.isOpen(), "but not waited for forever");
    }

    @Test
    void clientCloseAnsweredByServerStillLetsTheServerCloseTcpFirst() {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        written().release();
        receive(RawFrame.close(1000, ""));
        assertTrue(channel.isOpen());
        assertTrue(written() == null, "no second Close");
        advanceTime(CLOSE_TIMEOUT);
        assertFalse(channel.isOpen());
    }

    @Test
    void writeAfterCloseFails() {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        written().release();
        assertInstanceOf(IllegalStateException.class, channel.writeAndFlush(new TextWebSocketFrame("late")).cause());
    }
}
