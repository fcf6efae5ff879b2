package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.MASKED_HELLO;
import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.concat;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.server;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.UpgradeRequest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handshakes the server refuses (RFC 6455 §4.2.1, §4.4): each gets its status, a short reason, and a closed connection. */
class ServerRefusalTest {
    private final Recorder chat = new Recorder();
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private WebSocketServerConfig.Builder config() {
        return WebSocketServerConfig.builder().route("/chat", () -> chat);
    }

    private HandshakeFixtures.Received<?> send(WebSocketServerConfig config, String request) {
        channel = server(config);
        channel.writeInbound(ascii(request));
        return readResponse(channel);
    }

    private HandshakeFixtures.Received<?> assertRefused(String request, HttpResponseStatus status, String reason) {
        return assertRefused(config().build(), request, status, reason);
    }

    private HandshakeFixtures.Received<?> assertRefused(WebSocketServerConfig config, String request,
                                                        HttpResponseStatus status, String reason) {
        var response = send(config, request);
        assertEquals(status, response.status());
        assertEquals(reason + "\n", response.body());
        assertEquals("text/plain; charset=utf-8", response.headers().get("Content-Type"));
        assertFalse(channel.isOpen(), "the connection is closed after a refusal");
        assertTrue(chat.received.isEmpty(), "the route's handler never sees a refused handshake");
        return response;
    }

    private static String withKey(String key) {
        return upgradeRequest("/chat").replace("Sec-WebSocket-Key: " + UpgradeRequest.RFC_KEY, "Sec-WebSocket-Key: " + key);
    }

    private static String without(String headerLine) {
        String request = upgradeRequest("/chat");
        assertTrue(request.contains(headerLine + "\r\n"));
        return request.replace(headerLine + "\r\n", "");
    }

    @Test
    void postGets405WithAllowGet() {
        var response = assertRefused(upgradeRequest("/chat").replace("GET ", "POST "),
                HttpResponseStatus.METHOD_NOT_ALLOWED, "WebSocket handshake must use GET.");
        assertEquals("GET", response.headers().get("Allow"));
    }

    @Test
    void http10Gets400() {
        assertRefused(upgradeRequest("/chat").replace("HTTP/1.1", "HTTP/1.0"),
                HttpResponseStatus.BAD_REQUEST, "WebSocket handshake needs HTTP/1.1 or later.");
    }

    @Test
    void missingHostGets400() {
        assertRefused(without("Host: server.example.com"), HttpResponseStatus.BAD_REQUEST, "Missing Host header.");
    }

    @Test
    void missingUpgradeGets400() {
        assertRefused(without("Upgrade: websocket"), HttpResponseStatus.BAD_REQUEST, "Upgrade header must contain websocket.");
    }

    @Test
    void upgradeToAnotherProtocolGets400() {
        assertRefused(upgradeRequest("/chat").replace("Upgrade: websocket", "Upgrade: h2c"),
                HttpResponseStatus.BAD_REQUEST, "Upgrade header must contain websocket.");
    }

    @Test
    void connectionWithoutUpgradeGets400() {
        assertRefused(upgradeRequest("/chat").replace("Connection: Upgrade", "Connection: keep-alive"),
                HttpResponseStatus.BAD_REQUEST, "Connection header must contain Upgrade.");
    }

    @Test
    void missingKeyGets400() {
        assertRefused(without("Sec-WebSocket-Key: " + UpgradeRequest.RFC_KEY),
                HttpResponseStatus.BAD_REQUEST, "Missing Sec-WebSocket-Key header.");
    }

    @Test
    void keyOf15BytesGets400() {
        assertRefused(withKey(Base64.getEncoder().encodeToString(new byte[15])),
                HttpResponseStatus.BAD_REQUEST, "Sec-WebSocket-Key must be 16 bytes in base64.");
    }

    @Test
    void keyOf17BytesGets400() {
        assertRefused(withKey(Base64.getEncoder().encodeToString(new byte[17])),
                HttpResponseStatus.BAD_REQUEST, "Sec-WebSocket-Key must be 16 bytes in base64.");
    }

    @Test
    void keyThatIsNotBase64Gets400() {
        assertRefused(withKey("this-is-not-base64!!"), HttpResponseStatus.BAD_REQUEST,
                "Sec-WebSocket-Key must be 16 bytes in base64.");
    }

    @Test
    void twoKeysGet400() {
        assertRefused(upgradeRequest("/chat", "Sec-WebSocket-Key: " + UpgradeRequest.RFC_KEY),
                HttpResponseStatus.BAD_REQUEST, "More than one Sec-WebSocket-Key header.");
    }

    @Test
    void wrongVersionGets426WithSupportedVersions() {
        var response = assertRefused(upgradeRequest("/chat").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 14"),
                HttpResponseStatus.UPGRADE_REQUIRED, "Unsupported WebSocket version.");
        assertEquals("13, 8, 7", response.headers().get("Sec-WebSocket-Version"));
        assertEquals("websocket", response.headers().get("Upgrade"));
    }

    @Test
    void missingVersionGets426WithSupportedVersions() {
        var response = assertRefused(without("Sec-WebSocket-Version: 13"),
                HttpResponseStatus.UPGRADE_REQUIRED, "Unsupported WebSocket version.");
        assertEquals("13, 8, 7", response.headers().get("Sec-WebSocket-Version"));
    }

    @Test
    void foreignOriginGets403() {
        assertRefused(upgradeRequest("/chat", "Origin: https://evil.example.net"),
                HttpResponseStatus.FORBIDDEN, "Origin not allowed.");
    }

    @Test
    void originMissingFromTheAllowListGets403() {
        assertRefused(config().allowedOrigins("https://app.example.com").build(),
                upgradeRequest("/chat", "Origin: https://other.example.com"),
                HttpResponseStatus.FORBIDDEN, "Origin not allowed.");
    }

    @Test
    void version8WithForeignSecWebSocketOriginGets403() {
        String request = upgradeRequest("/chat", "Sec-WebSocket-Origin: https://evil.example.net")
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");

        assertRefused(request, HttpResponseStatus.FORBIDDEN, "Origin not allowed.");
    }

    @Test
    void applicationRefusalGetsItsStatus() {
        AtomicReference<WebSocketRequest> seen = new AtomicReference<>();
        WebSocketServerConfig config = config().requestFilter(request -> {
            seen.set(request);
            return request.cookies().containsKey("session") ? Optional.empty() : Optional.of(HttpResponseStatus.UNAUTHORIZED);
        }).build();

        assertRefused(config, upgradeRequest("/chat?room=lobby", "Cookie: theme=dark"),
                HttpResponseStatus.UNAUTHORIZED, "Unauthorized.");
        assertEquals("/chat", seen.get().path());
        assertEquals("lobby", seen.get().queryParameters().get("room").get(0));
        assertEquals("dark", seen.get().cookies().get("theme"));
    }

    @Test
    void failingApplicationFilterGets500() {
        WebSocketServerConfig config = config().requestFilter(request -> {
            throw new IllegalStateException("filter bug");
        }).build();
        channel = server(config);

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> channel.writeInbound(ascii(upgradeRequest("/chat"))));

        assertEquals("filter bug", thrown.getMessage(), "the application's exception travels on");
        assertEquals(HttpResponseStatus.INTERNAL_SERVER_ERROR, readResponse(channel).status());
        assertFalse(channel.isOpen());
    }

    @Test
    void tooLargeHeadersGet431() {
        WebSocketServerConfig config = config().maxHeaderSize(256).build();

        assertRefused(config, upgradeRequest("/chat", "X-Padding: " + "a".repeat(300)),
                HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers are too large.");
    }

    @Test
    void tooLongRequestLineGets400() {
        WebSocketServerConfig config = config().maxRequestLineLength(64).build();

        assertRefused(config, upgradeRequest("/chat?" + "q".repeat(100)),
                HttpResponseStatus.BAD_REQUEST, "Request line is too long.");
    }

    @Test
    void malformedPercentEncodingGets400() {
        assertRefused(upgradeRequest("/chat?room=%zz"), HttpResponseStatus.BAD_REQUEST, "Malformed request target.");
    }

    @Test
    void framesBehindARefusedRequestAreDropped() {
        channel = server(config().build());

        channel.writeInbound(concat(upgradeRequest("/chat", "Origin: https://evil.example.net"), MASKED_HELLO));

        assertEquals(HttpResponseStatus.FORBIDDEN, readResponse(channel).status());
        assertNull(channel.readInbound());
        assertTrue(chat.received.isEmpty());
    }
}
