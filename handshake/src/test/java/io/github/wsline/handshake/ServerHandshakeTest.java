package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.MASKED_HELLO;
import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.concat;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.server;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static io.github.wsline.testsupport.UpgradeRequest.RFC_KEY;
import static io.github.wsline.testsupport.UpgradeResponse.RFC_ACCEPT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConnectionHandler;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's answer to valid handshakes (RFC 6455 §4.2.2), and the channel after it. */
class ServerHandshakeTest {
    private final Recorder chat = new Recorder();
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private WebSocketServerConfig.Builder config() {
        return WebSocketServerConfig.builder().route("/chat", () -> chat);
    }

    private HandshakeFixtures.Received<?> handshake(WebSocketServerConfig config, String request) {
        channel = server(config);
        channel.writeInbound(ascii(request));
        return readResponse(channel);
    }

    @Test
    void rfcExampleKeyIsAnsweredWithItsAcceptKey() {
        var response = handshake(config().build(), upgradeRequest("/chat"));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertEquals("websocket", response.headers().get("Upgrade"));
        assertEquals("Upgrade", response.headers().get("Connection"));
        assertEquals(RFC_ACCEPT, response.headers().get("Sec-WebSocket-Accept"));
        assertFalse(response.headers().contains("Sec-WebSocket-Protocol"));
        assertFalse(response.headers().contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void upgradedChannelHasTheCodecInPlaceOfHttp() {
        handshake(config().build(), upgradeRequest("/chat"));

        assertEquals(List.of(WebSocketConnectionHandler.DECODER_NAME, WebSocketConnectionHandler.ENCODER_NAME,
                        ProtocolSwitch.PROTOCOL_HANDLER_NAME, WebSocketConnectionHandler.AGGREGATOR_NAME,
                        WebSocketUpgradeHandler.APPLICATION_HANDLER_NAME),
                channel.pipeline().names().subList(0, 5));
        assertNull(channel.pipeline().get(HttpServerCodec.class));
        assertNull(channel.pipeline().get(WebSocketUpgradeHandler.class));
        assertTrue(channel.isOpen());
    }

    @Test
    void handshakeCompletedEventTellsWhoConnected() {
        handshake(config().subprotocols("chat.v1").build(), upgradeRequest("/chat?room=lobby&room=games&nick=ann",
                "Sec-WebSocket-Protocol: chat.v1", "Cookie: session=abc123; theme=dark", "X-Client: test"));

        WebSocketHandshakeCompleted event = chat.first(WebSocketHandshakeCompleted.class);
        assertEquals("/chat", event.request().path());
        assertEquals(Map.of("room", List.of("lobby", "games"), "nick", List.of("ann")), event.request().queryParameters());
        assertEquals("test", event.request().headers().get("X-Client"));
        assertEquals(Map.of("session", "abc123", "theme", "dark"), event.request().cookies());
        assertEquals(Optional.of("chat.v1"), event.subprotocol());
    }

    @Test
    void headerNamesAndValuesMatchInAnyCaseAndOrder() {
        String request = "GET /chat HTTP/1.1\r\n"
                + "sec-websocket-version: 13\r\n"
                + "CONNECTION: upgrade\r\n"
                + "sec-WebSocket-KEY: " + RFC_KEY + "\r\n"
                + "UPGRADE: WebSocket\r\n"
                + "host: server.example.com\r\n"
                + "\r\n";

        var response = handshake(config().build(), request);

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertEquals(RFC_ACCEPT, response.headers().get("Sec-WebSocket-Accept"));
    }

    @Test
    void connectionHeaderWithKeepAliveAndUpgradeIsAccepted() {
        String request = upgradeRequest("/chat").replace("Connection: Upgrade", "Connection: keep-alive, Upgrade");

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, handshake(config().build(), request).status());
    }

    @Test
    void version8WithSecWebSocketOriginIsAccepted() {
        String request = upgradeRequest("/chat", "Sec-WebSocket-Origin: https://app.example.com")
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");

        var response = handshake(config().allowedOrigins("https://app.example.com").build(), request);

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertEquals(RFC_ACCEPT, response.headers().get("Sec-WebSocket-Accept"));
    }

    @Test
    void version7IsAccepted() {
        String request = upgradeRequest("/chat").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 7");

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, handshake(config().build(), request).status());
    }

    @Test
    void sameOriginPageIsAcceptedByDefault() {
        String request = upgradeRequest("/chat", "Origin: https://server.example.com");

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, handshake(config().build(), request).status());
    }

    @Test
    void subprotocolIsTheServersMostPreferredAmongTheOffers() {
        var response = handshake(config().subprotocols("chat.v2", "chat.v1").build(),
                upgradeRequest("/chat", "Sec-WebSocket-Protocol: chat.v1, chat.v2", "Sec-WebSocket-Protocol: other"));

        assertEquals("chat.v2", response.headers().get("Sec-WebSocket-Protocol"));
    }

    @Test
    void noSubprotocolIsSentWhenNoneOfTheOffersMatches() {
        var response = handshake(config().subprotocols("chat.v2").build(),
                upgradeRequest("/chat", "Sec-WebSocket-Protocol: mqtt, stomp"));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertFalse(response.headers().contains("Sec-WebSocket-Protocol"));
    }

    @Test
    void noSubprotocolIsSentWhenNoneIsOffered() {
        var response = handshake(config().subprotocols("chat.v2").build(), upgradeRequest("/chat"));

        assertFalse(response.headers().contains("Sec-WebSocket-Protocol"));
        assertEquals(Optional.empty(), chat.first(WebSocketHandshakeCompleted.class).subprotocol());
    }

    @Test
    void unknownExtensionOffersAreNotEchoed() {
        var response = handshake(config().build(), upgradeRequest("/chat",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-webkit-deflate-frame"));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertFalse(response.headers().contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void frameBehindTheRequestInTheSameBufferIsDelivered() {
        channel = server(config().build());

        channel.writeInbound(concat(upgradeRequest("/chat"), MASKED_HELLO));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());
        TextWebSocketFrame frame = channel.readInbound();
        try {
            assertEquals("Hello", frame.text());
        } finally {
            frame.release();
        }
        assertEquals(List.of(WebSocketHandshakeCompleted.class, String.class),
                chat.received.stream().map(Object::getClass).toList(), "the event comes before the first frame");
    }

    @Test
    void requestSplitIntoOneByteReadsIsAccepted() {
        channel = server(config().build());
        byte[] bytes = (upgradeRequest("/chat")).getBytes(StandardCharsets.US_ASCII);

        for (byte b : bytes) {
            channel.writeInbound(channel.alloc().buffer(1).writeByte(b));
        }

        var response = readResponse(channel);
        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertEquals(RFC_ACCEPT, response.headers().get("Sec-WebSocket-Accept"));
    }

    @Test
    void requestBodyIsConsumedBeforeTheSwitch() {
        channel = server(config().build());

        channel.writeInbound(concat(upgradeRequest("/chat", "Content-Length: 4") + "body", MASKED_HELLO));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());
        TextWebSocketFrame frame = channel.readInbound();
        try {
            assertEquals("Hello", frame.text());
        } finally {
            frame.release();
        }
    }

    @Test
    void applicationMayWriteFramesWhenTheEventArrives() {
        ChannelInboundHandlerAdapter greeter = new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                ctx.writeAndFlush(new TextWebSocketFrame("Welcome"));
            }
        };
        channel = server(WebSocketServerConfig.builder().route("/chat", () -> greeter).build());

        channel.writeInbound(ascii(upgradeRequest("/chat")));

        var response = readResponse(channel);
        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        // The server's Text frame right behind the 101: FIN + Text, unmasked, length 7, "Welcome".
        assertArrayEquals(ByteBufUtil.decodeHexDump("810757656c636f6d65"), response.after());
    }
}
