package io.github.wsline.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testkit.RawFrame;
import io.github.wsline.testkit.WebSocketTestClient;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5.1 and §7: the closing handshake, seen from the server. */
class CloseHandshakeTest {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    private final EchoHandler app = new EchoHandler();
    private final WebSocketTestClient client = WebSocketTestClient.openUpgraded(
            WebSocketConfig.builder().closeTimeout(CLOSE_TIMEOUT).build(), app);

    @AfterEach
    void closeClient() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1003, 1011, 1014, 3000, 4999})
    void clientCloseIsEchoedAndTheServerClosesTcp(int code) {
        client.sendClose(code, "going");
        client.expectClose(code);
        client.expectNoMoreFrames();
        client.expectConnectionClosed();
    }

    @Test
    void closeWithoutCodeIsAnsweredWithoutCode() {
        client.send(RawFrame.close());
        assertEquals(0, client.readFrame().payload().length);
        client.expectConnectionClosed();
    }

    @Test
    void framesAfterTheClientsCloseAreIgnored() {
        byte[] close = RawFrame.close(1000, "").toBytes(1);
        byte[] text = RawFrame.text("too late").toBytes(2);
        byte[] both = new byte[close.length + text.length];
        System.arraycopy(close, 0, both, 0, close.length);
        System.arraycopy(text, 0, both, close.length, text.length);
        client.sendRaw(both);
        client.expectClose(1000);
        client.expectNoMoreFrames();
        assertTrue(app.received.isEmpty());
    }

    @Test
    void serverCloseWaitsForTheClientsCloseThenClosesTcp() {
        client.serverChannel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
        client.expectClose(1001);
        client.expectConnectionOpen();
        client.sendClose(1001, "");
        client.expectNoMoreFrames(); // no second Close
        client.expectConnectionClosed();
    }

    @Test
    void serverCloseGivesUpOnASilentClientAfterTheCloseTimeout() {
        client.serverChannel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        client.expectClose(1000);
        client.advanceTime(CLOSE_TIMEOUT.minusMillis(1));
        client.expectConnectionOpen();
        client.advanceTime(Duration.ofMillis(1));
        client.expectConnectionClosed();
    }

    @Test
    void dataArrivingAfterTheServersCloseIsNotDelivered() {
        client.serverChannel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        client.sendText("crossed in flight");
        client.expectClose(1000);
        client.expectNoMoreFrames();
        assertTrue(app.received.isEmpty());
    }

    @Test
    void pingAfterTheServersCloseIsNotAnswered() {
        client.serverChannel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        client.sendPing(new byte[] {1});
        client.expectClose(1000);
        client.expectNoMoreFrames();
    }

    @Test
    void writingAfterCloseFailsAndReleasesTheFrame() {
        client.serverChannel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        TextWebSocketFrame late = new TextWebSocketFrame("late");
        ChannelFuture write = client.serverChannel().writeAndFlush(late);
        assertFalse(write.isSuccess());
        assertInstanceOf(IllegalStateException.class, write.cause());
        assertEquals(0, late.refCnt());
        client.expectClose(1000);
        client.expectNoMoreFrames();
    }
}
