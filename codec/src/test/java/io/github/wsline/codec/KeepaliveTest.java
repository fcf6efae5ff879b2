package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_PING;
import static io.github.wsline.testsupport.Frame.OPCODE_PONG;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keepalive: a silent peer is pinged after the ping interval, and dropped if it stays silent for the pong timeout. */
class KeepaliveTest {
    private static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    private static final Duration PONG_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ONE_MS = Duration.ofMillis(1);

    private final EchoHandler app = new EchoHandler();
    private final Peer client = Peer.of(WebSocketConfig.builder()
            .pingInterval(PING_INTERVAL)
            .pongTimeout(PONG_TIMEOUT)
            .closeTimeout(Duration.ofSeconds(60))
            .build(), app);

    @AfterEach
    void closeClient() {
        client.close();
    }

    private Frame expectPing() {
        Frame frame = client.readFrame();
        assertEquals(OPCODE_PING, frame.opcode(), () -> "expected a keepalive Ping, got " + frame);
        assertEquals(8, frame.payload().length);
        return frame;
    }

    @Test
    void silentClientIsPingedAfterThePingIntervalAndNotBefore() {
        client.advanceTime(PING_INTERVAL.minus(ONE_MS));
        client.expectNoMoreFrames();
        client.advanceTime(ONE_MS);
        expectPing();
        client.expectNoMoreFrames();
        client.expectConnectionOpen();
    }

    @Test
    void clientAnsweringWithPongStaysConnectedAndIsPingedAgainAfterTheNextInterval() {
        client.advanceTime(PING_INTERVAL);
        Frame first = expectPing();
        client.send(Frame.of(OPCODE_PONG, first.payload()));

        client.advanceTime(PONG_TIMEOUT.multipliedBy(2)); // well past the pong timeout: the Pong counted
        client.expectConnectionOpen();
        client.expectNoMoreFrames();

        client.advanceTime(PING_INTERVAL.minus(PONG_TIMEOUT.multipliedBy(2)).minus(ONE_MS));
        client.expectNoMoreFrames(); // the interval runs from the Pong
        client.advanceTime(ONE_MS);
        Frame second = expectPing();
        assertFalse(Arrays.equals(first.payload(), second.payload()), "each Ping is told apart");
        client.send(Frame.of(OPCODE_PONG, second.payload()));
        client.advanceTime(PONG_TIMEOUT);
        client.expectConnectionOpen();
    }

    @Test
    void clientThatNeverAnswersIsClosedWith1001AfterThePongTimeout() {
        client.advanceTime(PING_INTERVAL);
        expectPing();
        client.advanceTime(PONG_TIMEOUT.minus(ONE_MS));
        client.expectNoMoreFrames();
        client.expectConnectionOpen();

        client.advanceTime(ONE_MS);
        Frame close = client.expectClose(1001);
        assertEquals("Ping timeout.", close.closeReason());
        client.expectNoMoreFrames();
        client.expectConnectionClosed(); // without waiting for the client's Close
    }

    @Test
    void anyFrameAfterThePingCountsAsLife() {
        client.advanceTime(PING_INTERVAL);
        expectPing();
        client.send(Frame.of(OPCODE_TEXT, "still here"));
        assertEquals("still here", client.readText());
        client.advanceTime(PONG_TIMEOUT);
        client.expectNoMoreFrames();
        client.expectConnectionOpen();
    }

    @Test
    void clientThatKeepsSendingMessagesIsNeverPinged() {
        for (int i = 0; i < 20; i++) {
            client.advanceTime(PING_INTERVAL.minusSeconds(1));
            client.send(Frame.of(OPCODE_TEXT, "message " + i));
            assertEquals("message " + i, client.readText());
        }
        client.expectNoMoreFrames();
        client.expectConnectionOpen();
    }

    @Test
    void noPingIsSentAfterTheServerSentClose() {
        client.channel().writeAndFlush(new CloseWebSocketFrame(1000, ""));
        client.expectClose(1000);
        client.advanceTime(PING_INTERVAL.plus(PONG_TIMEOUT));
        client.expectNoMoreFrames();
        client.expectConnectionOpen(); // still waiting for the client's Close (close timeout 60 s)
    }

    @Test
    void defaultConfigNeverSendsPings() {
        try (Peer plain = Peer.of(WebSocketConfig.builder().build(), new EchoHandler())) {
            plain.advanceTime(Duration.ofDays(1));
            plain.expectNoMoreFrames();
            plain.expectConnectionOpen();
        }
    }

    @Test
    void configKeepsKeepaliveSettingsAndRejectsBadOnes() {
        WebSocketConfig defaults = WebSocketConfig.builder().build();
        assertEquals(Duration.ZERO, defaults.pingInterval());
        assertEquals(Duration.ofSeconds(30), defaults.pongTimeout());

        WebSocketConfig config = WebSocketConfig.builder().pingInterval(PING_INTERVAL).pongTimeout(PONG_TIMEOUT).build();
        WebSocketConfig copy = config.toBuilder().build();
        assertEquals(PING_INTERVAL, copy.pingInterval());
        assertEquals(PONG_TIMEOUT, copy.pongTimeout());
        assertEquals(config.toString(), copy.toString());

        assertThrows(IllegalArgumentException.class, () -> WebSocketConfig.builder().pingInterval(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> WebSocketConfig.builder().pongTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> WebSocketConfig.builder().pongTimeout(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> WebSocketConfig.builder().pingInterval(null));
    }
}
