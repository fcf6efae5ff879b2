package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.UNMASKED_HELLO;
import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.concat;
import static io.github.wsline.handshake.HandshakeFixtures.readRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.testsupport.UpgradeResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's request (RFC 6455 §4.1) and its checks on the server's answer. */
class ClientHandshakeTest {
    private static final URI CHAT = URI.create("ws://server.example.com:8080/chat?room=lobby");

    private Recorder application;
    private WebSocketClientUpgradeHandler handshaker;
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private HandshakeFixtures.Received<HttpRequest> connect(WebSocketClientConfig config) {
        handshaker = new WebSocketClientUpgradeHandler(config);
        application = new Recorder();
        channel = new EmbeddedChannel(new HttpClientCodec(), handshaker, application);
        return readRequest(channel);
    }

    /** Connects, and answers with a 101 for the request's key plus {@code extraHeaders}. */
    private ChannelFuture connectAndAnswer(WebSocketClientConfig config, String... extraHeaders) {
        String key = connect(config).headers().get("Sec-WebSocket-Key");
        channel.writeInbound(ascii(UpgradeResponse.forKey(key).headers(extraHeaders).toString()));
        return handshaker.handshakeFuture();
    }

    private void assertHandshakeFailed(String message) {
        ChannelFuture future = handshaker.handshakeFuture();
        assertTrue(future.isDone());
        WebSocketClientHandshakeException failure = assertInstanceOf(WebSocketClientHandshakeException.class, future.cause());
        assertEquals(message, failure.getMessage());
        assertFalse(channel.isOpen(), "the channel is closed after a failed handshake");
        assertTrue(application.received.isEmpty());
    }

    private static WebSocketClientConfig.Builder config() {
        return WebSocketClientConfig.builder(CHAT);
    }

    @Test
    void requestCarriesAFresh16ByteKeyAndVersion13() {
        var request = connect(config().build());

        assertEquals("GET", request.head().method().name());
        assertEquals("/chat?room=lobby", request.head().uri());
        assertEquals("server.example.com:8080", request.headers().get("Host"));
        assertEquals("websocket", request.headers().get("Upgrade"));
        assertEquals("Upgrade", request.headers().get("Connection"));
        assertEquals("13", request.headers().get("Sec-WebSocket-Version"));
        String key = request.headers().get("Sec-WebSocket-Key");
        assertEquals(16, Base64.getDecoder().decode(key).length);
        channel.finishAndReleaseAll();

        assertNotEquals(key, connect(config().build()).headers().get("Sec-WebSocket-Key"), "a new key per connection");
    }

    @Test
    void requestOffersSubprotocolsAndCarriesExtraHeaders() {
        var request = connect(config().subprotocols("chat.v2", "chat.v1").header("Authorization", "Bearer t0k3n").build());

        assertEquals("chat.v2, chat.v1", request.headers().get("Sec-WebSocket-Protocol"));
        assertEquals("Bearer t0k3n", request.headers().get("Authorization"));
        assertFalse(request.headers().contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void requestCarriesHeadersGivenAsHttpHeaders() {
        HttpHeaders cookies = new DefaultHttpHeaders().add("Cookie", "session=1").add("Origin", "https://example.com");

        var request = connect(config().headers(cookies).header("Authorization", "Bearer t0k3n").build());

        assertEquals("session=1", request.headers().get("Cookie"));
        assertEquals("https://example.com", request.headers().get("Origin"));
        assertEquals("Bearer t0k3n", request.headers().get("Authorization"));
    }

    @Test
    void defaultPortIsLeftOutOfHost() {
        var request = connect(WebSocketClientConfig.builder(URI.create("ws://server.example.com")).build());

        assertEquals("/", request.head().uri());
        assertEquals("server.example.com", request.headers().get("Host"));
    }

    @Test
    void validResponseCompletesTheHandshakeAndInstallsTheClientCodec() {
        assertTrue(connectAndAnswer(config().build()).isSuccess());

        assertNull(channel.pipeline().get(HttpClientCodec.class));
        assertNull(channel.pipeline().get(WebSocketClientUpgradeHandler.class));
        assertEquals(WebSocketConnectionHandler.DECODER_NAME, channel.pipeline().names().get(0));

        channel.writeOutbound(new TextWebSocketFrame("Hi"));
        ByteBuf frame = channel.readOutbound();
        try {
            assertEquals(0x81, frame.getUnsignedByte(0));
            assertEquals(0x80 | 2, frame.getUnsignedByte(1), "client frames are masked (§5.3)");
        } finally {
            frame.release();
        }
    }

    @Test
    void frameBehindThe101IsDelivered() {
        String key = connect(config().build()).headers().get("Sec-WebSocket-Key");

        channel.writeInbound(concat(UpgradeResponse.forKey(key).toString(), UNMASKED_HELLO));

        assertTrue(handshaker.handshakeFuture().isSuccess());
        TextWebSocketFrame frame = channel.readInbound();
        try {
            assertEquals("Hello", frame.text());
        } finally {
            frame.release();
        }
    }

    @Test
    void chosenSubprotocolIsReported() {
        connectAndAnswer(config().subprotocols("chat.v2", "chat.v1").build(), "Sec-WebSocket-Protocol: chat.v1");

        assertTrue(handshaker.handshakeFuture().isSuccess());
        assertEquals(Optional.of("chat.v1"), handshaker.subprotocol());
    }

    @Test
    void wrongAcceptFailsTheHandshake() {
        String key = connect(config().build()).headers().get("Sec-WebSocket-Key");

        channel.writeInbound(ascii(UpgradeResponse.withAccept(UpgradeResponse.RFC_ACCEPT).toString()));

        assertHandshakeFailed("Expected Sec-WebSocket-Accept: " + UpgradeResponse.accept(key)
                + " in the 101, got '" + UpgradeResponse.RFC_ACCEPT + "'.");
    }

    @Test
    void http10SwitchFailsTheHandshake() {
        String key = connect(config().build()).headers().get("Sec-WebSocket-Key");

        channel.writeInbound(ascii(UpgradeResponse.forKey(key).toString().replace("HTTP/1.1 101", "HTTP/1.0 101")));

        assertHandshakeFailed("Expected a 101 in HTTP/1.1, got one in HTTP/1.0.");
    }

    @Test
    void secondAcceptHeaderFailsTheHandshake() {
        String key = connect(config().build()).headers().get("Sec-WebSocket-Key");

        channel.writeInbound(ascii(UpgradeResponse.forKey(key)
                .headers("Sec-WebSocket-Accept: " + UpgradeResponse.accept(key)).toString()));

        assertHandshakeFailed("Expected one Sec-WebSocket-Accept header in the 101, got 2.");
    }

    @Test
    void secondUpgradeHeaderFailsTheHandshake() {
        connectAndAnswer(config().build(), "Upgrade: websocket");

        assertHandshakeFailed("Expected one Upgrade header in the 101, got 2.");
    }

    @Test
    void missingUpgradeFailsTheHandshake() {
        String key = connect(config().build()).headers().get("Sec-WebSocket-Key");

        channel.writeInbound(ascii(UpgradeResponse.forKey(key).toString().replace("Upgrade: websocket\r\n", "")));

        assertHandshakeFailed("Expected Upgrade: websocket in the 101, got none.");
    }

    @Test
    void connectionWithoutUpgradeFailsTheHandshake() {
        String key = connect(config().build()).headers().get("Sec-WebSocket-Key");

        channel.writeInbound(ascii(UpgradeResponse.forKey(key).toString()
                .replace("Connection: Upgrade", "Connection: keep-alive")));

        assertHandshakeFailed("Expected Connection: Upgrade in the 101, got 'keep-alive'.");
    }

    @Test
    void unofferedSubprotocolFailsTheHandshake() {
        connectAndAnswer(config().subprotocols("chat.v1").build(), "Sec-WebSocket-Protocol: mqtt");

        assertHandshakeFailed("Server chose subprotocol 'mqtt', which was not offered.");
    }

    @Test
    void subprotocolWhenNoneWasOfferedFailsTheHandshake() {
        connectAndAnswer(config().build(), "Sec-WebSocket-Protocol: chat.v1");

        assertHandshakeFailed("Server chose subprotocol 'chat.v1', which was not offered.");
    }

    @Test
    void unofferedExtensionFailsTheHandshake() {
        connectAndAnswer(config().build(), "Sec-WebSocket-Extensions: permessage-deflate");

        assertHandshakeFailed("Server accepted extension 'permessage-deflate', which was not offered.");
    }

    @Test
    void statusOtherThan101FailsTheHandshake() {
        connect(config().build());

        channel.writeInbound(ascii("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nForbidden"));

        assertHandshakeFailed("Expected 101 Switching Protocols, got 403 Forbidden.");
        WebSocketClientHandshakeException failure = (WebSocketClientHandshakeException) handshaker.handshakeFuture().cause();
        assertEquals(403, failure.response().status().code());
    }

    @Test
    void noResponseWithinTheTimeoutFailsTheHandshake() {
        handshaker = new WebSocketClientUpgradeHandler(config().handshakeTimeout(Duration.ofSeconds(3)).build());
        application = new Recorder();
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new HttpClientCodec(), handshaker, application);
        HandshakeFixtures.drainOutbound(channel);

        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertHandshakeFailed("No handshake response within 3000 ms.");
    }

    @Test
    void connectionClosedBeforeTheResponseFailsTheHandshake() {
        connect(config().build());

        channel.close();

        assertHandshakeFailed("Connection closed before the handshake completed.");
    }
}
