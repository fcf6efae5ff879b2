package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.MASKED_HELLO;
import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.concat;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which requests the upgrade handler takes: its routes' paths; everything else passes to the HTTP handlers behind it. */
class ServerRoutingTest {
    private final Recorder chat = new Recorder();
    private final Recorder echo = new Recorder();
    private final Recorder rooms = new Recorder();
    private final Recorder pages = new Recorder();
    private final WebSocketServerConfig config = WebSocketServerConfig.builder()
            .route("/chat", () -> chat)
            .route("/echo", () -> echo)
            .prefixRoute("/rooms", () -> rooms)
            .build();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            config.newHttpServerCodec(), new WebSocketUpgradeHandler(config), pages);

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    /** Reads the next inbound message, which must be of {@code type}, and releases it. */
    private <T> T readInbound(Class<T> type) {
        Object msg = channel.readInbound();
        try {
            return assertInstanceOf(type, msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Test
    void plainHttpRequestForAnotherPathPassesThroughUntouched() {
        channel.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: server.example.com\r\n\r\n"));

        assertEquals("/healthz", readInbound(HttpRequest.class).uri());
        readInbound(LastHttpContent.class);
        assertEquals(0, HandshakeFixtures.drainOutbound(channel).length, "the upgrade handler answers nothing");
        assertNotNull(channel.pipeline().get(WebSocketUpgradeHandler.class));
    }

    @Test
    void requestBodyForAnotherPathPassesThroughWithIt() {
        channel.writeInbound(ascii("POST /form HTTP/1.1\r\nHost: server.example.com\r\nContent-Length: 5\r\n\r\nhello"));

        readInbound(HttpRequest.class);
        Object content = channel.readInbound();
        try {
            assertEquals("hello", ((HttpContent) content).content().toString(StandardCharsets.US_ASCII));
        } finally {
            ReferenceCountUtil.release(content);
        }
    }

    @Test
    void upgradeRequestForAnotherPathPassesThrough() {
        channel.writeInbound(ascii(upgradeRequest("/elsewhere")));

        assertEquals("/elsewhere", readInbound(HttpRequest.class).uri());
        readInbound(LastHttpContent.class);
    }

    @Test
    void eachRouteInstallsItsOwnHandler() {
        channel.writeInbound(concat(upgradeRequest("/echo"), MASKED_HELLO));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());
        assertEquals("Text Hello", echo.received.get(1));
        assertTrue(chat.received.isEmpty());
        readInbound(TextWebSocketFrame.class);
    }

    @Test
    void prefixRouteTakesItsPathAndThePathsBelowIt() {
        channel.writeInbound(ascii(upgradeRequest("/rooms/42?nick=ann")));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());
        assertEquals("/rooms/42", rooms.first(WebSocketHandshakeCompleted.class).request().path());
    }

    @Test
    void prefixRouteDoesNotTakeALongerSegment() {
        channel.writeInbound(ascii(upgradeRequest("/roomservice")));

        assertEquals("/roomservice", readInbound(HttpRequest.class).uri());
        readInbound(LastHttpContent.class);
    }

    @Test
    void routeMatchesThePathWithoutItsQuery() {
        channel.writeInbound(ascii(upgradeRequest("/chat?room=lobby")));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());
    }

    @Test
    void pageRequestThenUpgradeOnTheSameConnection() {
        channel.writeInbound(ascii("GET / HTTP/1.1\r\nHost: server.example.com\r\n\r\n"));
        readInbound(HttpRequest.class);
        readInbound(LastHttpContent.class);

        channel.writeInbound(ascii(upgradeRequest("/chat")));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());
        assertInstanceOf(WebSocketHandshakeCompleted.class, chat.received.get(0));
        assertEquals(List.of("HttpRequest /", "LastHttpContent"),
                pages.received.stream().filter(String.class::isInstance).toList(),
                "the page handlers read the page request only");
        assertNull(channel.readInbound());
    }
}
