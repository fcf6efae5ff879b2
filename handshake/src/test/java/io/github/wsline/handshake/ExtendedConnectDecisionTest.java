package io.github.wsline.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/**
 * {@link WebSocketUpgrade#decideExtendedConnect}: RFC 8441 §5's handshake as the wsline-http2 module hands it over
 * (its pseudo-headers checked there, :authority as Host), and the protocol each handshake reports.
 */
class ExtendedConnectDecisionTest {
    private final WebSocketServerConfig config = WebSocketServerConfig.builder()
            .route("/chat", ChannelInboundHandlerAdapter::new)
            .build();

    private static HttpRequest extendedConnect(String path) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, path);
        request.headers().set("host", "server.example.com").set("sec-websocket-version", "13");
        return request;
    }

    @Test
    void extendedConnectIsAccepted200WithoutAcceptKeyOrUpgrade() {
        WebSocketUpgrade upgrade = WebSocketUpgrade.decideExtendedConnect(config, extendedConnect("/chat"));

        assertEquals(HttpResponseStatus.OK, upgrade.status());
        FullHttpResponse response = upgrade.newResponse(ByteBufAllocator.DEFAULT);
        assertFalse(response.headers().contains("sec-websocket-accept"));
        assertFalse(response.headers().contains("upgrade"));
        response.release();
        assertTrue(upgrade.completed().isHttp2());
        assertTrue(upgrade.newApplicationHandler().isPresent(), "the route's handler");
    }

    @Test
    void extendedConnectForAPathWithoutARouteIsRefusedWith404() {
        WebSocketUpgrade upgrade = WebSocketUpgrade.decideExtendedConnect(config, extendedConnect("/elsewhere"));
        assertEquals(HttpResponseStatus.NOT_FOUND, upgrade.status());
        assertEquals("No WebSocket route for this path.", upgrade.reason());
    }

    @Test
    void http11HandshakeSaysItDidNotComeOverHttp2() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/chat");
        request.headers().set("host", "server.example.com").set("upgrade", "websocket").set("connection", "Upgrade")
                .set("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==").set("sec-websocket-version", "13");
        WebSocketUpgrade upgrade = WebSocketUpgrade.decide(config, request);
        assertFalse(upgrade.completed().isHttp2());
        assertTrue(upgrade.newApplicationHandler().isEmpty(), "decide looks no route up");
    }
}
