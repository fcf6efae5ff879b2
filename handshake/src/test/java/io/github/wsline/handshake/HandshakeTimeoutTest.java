package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection that has not completed a handshake in time is closed; the clock is EmbeddedChannel's, frozen. */
class HandshakeTimeoutTest {
    private final WebSocketServerConfig config = WebSocketServerConfig.builder()
            .route("/chat", Recorder::new)
            .handshakeTimeout(Duration.ofSeconds(5))
            .build();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @BeforeEach
    void addHandlersWithTheClockFrozen() {
        channel.freezeTime();
        channel.pipeline().addLast(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config));
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void silentConnectionIsClosedWhenTheTimeoutExpires() {
        advance(4_999);
        assertTrue(channel.isOpen());

        advance(1);
        assertFalse(channel.isOpen());
    }

    @Test
    void halfSentRequestIsClosedWhenTheTimeoutExpires() {
        channel.writeInbound(ascii("GET /chat HTTP/1.1\r\nHost: server.example.com\r\n"));

        advance(5_000);

        assertFalse(channel.isOpen());
    }

    @Test
    void upgradedConnectionOutlivesTheTimeout() {
        channel.writeInbound(ascii(upgradeRequest("/chat")));
        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());

        advance(60_000);

        assertTrue(channel.isOpen());
    }

    @Test
    void connectionHandedToTheHttpHandlersOutlivesTheTimeout() {
        channel.writeInbound(ascii("GET / HTTP/1.1\r\nHost: server.example.com\r\n\r\n"));
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            ReferenceCountUtil.release(msg);
        }

        advance(60_000);

        assertTrue(channel.isOpen());
    }
}
