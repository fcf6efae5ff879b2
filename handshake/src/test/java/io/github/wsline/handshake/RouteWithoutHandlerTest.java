package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.MASKED_HELLO;
import static io.github.wsline.handshake.HandshakeFixtures.concat;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A route without a handler supplier: the handlers already behind the upgrade handler get the connection. */
class RouteWithoutHandlerTest {
    private final Recorder application = new Recorder();
    private final WebSocketServerConfig config = WebSocketServerConfig.builder().route("/chat").build();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            config.newHttpServerCodec(), new WebSocketUpgradeHandler(config), application);

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void handlersInPlaceReceiveTheEventThenTheFrames() {
        channel.writeInbound(concat(upgradeRequest("/chat"), MASKED_HELLO));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());
        assertInstanceOf(WebSocketHandshakeCompleted.class, application.received.get(0));
        assertEquals("Text Hello", application.received.get(1));
        TextWebSocketFrame frame = channel.readInbound();
        frame.release();
        assertEquals(application, channel.pipeline().last());
    }

    @Test
    void aRouteWithAHandlerStillNeedsOne() {
        assertThrows(NullPointerException.class, () -> WebSocketServerConfig.builder().route("/chat", null));
    }
}
