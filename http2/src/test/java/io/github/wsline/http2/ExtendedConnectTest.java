package io.github.wsline.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.handshake.PerMessageDeflateNegotiator;
import io.github.wsline.handshake.WebSocketHandshakeCompleted;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgrade;
import io.github.wsline.testsupport.UpgradeRequest;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8441 §3-§5: the setting, the extended CONNECT's checks, the 200, and the refusals; on EmbeddedChannel. */
class ExtendedConnectTest {
    private static final long PROTOCOL_ERROR = Http2Error.PROTOCOL_ERROR.code();

    private final Application application = new Application();
    private final WebSocketServerConfig config = WebSocketServerConfig.builder()
            .route("/echo", EchoHandler::new)
            .route("/app", () -> application)
            .route("/pipeline-only")
            .subprotocols("chat.v2", "chat.v1")
            .extensions(PerMessageDeflateNegotiator.builder().build())
            .allowedOrigins("https://chat.example.com")
            .requestFilter(request -> request.queryParameters().containsKey("banned")
                    ? Optional.of(HttpResponseStatus.UNAUTHORIZED) : Optional.empty())
            .build();
    private H2Peer peer = new H2Peer(new Http2WebSocketServerInitializer(config, new PageStreams()));

    @AfterEach
    void finish() {
        peer.finish();
    }

    @Test
    void serverSettingsEnableTheConnectProtocolWhenWebSocketRoutesAreServed() {
        assertEquals(Boolean.TRUE, peer.serverSettings().connectProtocolEnabled());
    }

    @Test
    void serverWithoutWebSocketRoutesDoesNotSendTheSetting() {
        peer.finish();
        peer = new H2Peer(new Http2WebSocketServerInitializer(new PageStreams()));
        assertNull(peer.serverSettings().connectProtocolEnabled());
    }

    @Test
    void extendedConnectWhereTheSettingWasNotSentIsAMalformedRequest() {
        peer.finish();
        peer = new H2Peer(new Http2WebSocketServerInitializer(new PageStreams()));
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo"));
        assertEquals(List.of(PROTOCOL_ERROR), peer.resets(stream));
    }

    @Test
    void extendedConnectIsAnswered200AndTheApplicationLearnsItCameOverHttp2() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app?room=lobby"));

        assertEquals("200", peer.status(stream));
        WebSocketHandshakeCompleted completed = application.first(WebSocketHandshakeCompleted.class);
        assertTrue(completed.isHttp2());
        assertEquals("/app", completed.request().path());
        assertEquals(List.of("lobby"), completed.request().queryParameters().get("room"));
        assertEquals("server.example.com", completed.request().headers().get("host"));
        assertTrue(peer.resets(stream).isEmpty());
    }

    @Test
    void responseCarriesNoHttp11UpgradeHeaders() {
        Http2Headers response = peer.responseHeaders(peer.open(H2Peer.webSocketRequest("/app")));
        // RFC 8441 §5: no Sec-WebSocket-Accept; RFC 9113 §8.2.2: no connection-specific fields
        assertFalse(response.contains("sec-websocket-accept"));
        assertFalse(response.contains("upgrade"));
        assertFalse(response.contains("connection"));
    }

    @Test
    void framesOnTheStreamAreEchoed() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo"));
        peer.send(stream, Frame.of(Frame.OPCODE_TEXT, "Hello"));
        assertEquals(List.of(Frame.of(Frame.OPCODE_TEXT, "Hello").masked(false)), peer.webSocketFrames(stream));
    }

    @Test
    void framesSentRightBehindTheRequestReachTheApplication() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"), false);
        peer.send(stream, Frame.of(Frame.OPCODE_TEXT, "early"));
        assertEquals("200", peer.status(stream));
        assertEquals("Text early", application.received.get(1));
    }

    @Test
    void subprotocolIsChosenAsOnHttp11() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app").set("sec-websocket-protocol",
                "chat.v1, chat.v2"));
        assertEquals("chat.v2", peer.responseHeaders(stream).get("sec-websocket-protocol").toString());
        assertEquals(Optional.of("chat.v2"), application.first(WebSocketHandshakeCompleted.class).subprotocol());
    }

    @Test
    void permessageDeflateIsNegotiatedAsOnHttp11() {
        String offer = "permessage-deflate; client_max_window_bits";
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app").set("sec-websocket-extensions", offer));

        HttpRequest http11 = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/app");
        http11.headers().set("host", "server.example.com").set("upgrade", "websocket").set("connection", "Upgrade")
                .set("sec-websocket-key", UpgradeRequest.RFC_KEY).set("sec-websocket-version", "13")
                .set("sec-websocket-extensions", offer);
        FullHttpResponse answer = WebSocketUpgrade.decide(config, http11).newResponse(ByteBufAllocator.DEFAULT);
        assertEquals(answer.headers().get("sec-websocket-extensions"),
                peer.responseHeaders(stream).get("sec-websocket-extensions").toString());
        answer.release();
        // RFC 7692 §7.2.3.1's "Hello", compressed: RSV1 set
        peer.send(stream, new Frame(true, 4, Frame.OPCODE_TEXT, true,
                new byte[] {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00}));
        assertEquals("Text Hello", application.received.get(1), "The stream's codec inflates.");
    }

    @ParameterizedTest
    @ValueSource(strings = {":scheme", ":path", ":authority"})
    void extendedConnectWithoutARequiredPseudoHeaderIsMalformed(String pseudoHeader) {
        Http2Headers request = H2Peer.webSocketRequest("/echo");
        request.remove(pseudoHeader);
        Http2FrameStream stream = peer.open(request);
        assertEquals(List.of(PROTOCOL_ERROR), peer.resets(stream));
    }

    @Test
    void protocolPseudoHeaderOnAGetIsMalformed() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo").method("GET"));
        assertEquals(List.of(PROTOCOL_ERROR), peer.resets(stream));
    }

    @Test
    void extendedConnectThatEndsItsStreamIsRefusedWith400() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo"), true, true);
        assertAnswered(stream, "400", "Extended CONNECT must leave its stream open.");
        assertEquals(List.of(), peer.resets(stream), "the client has ended its side already");
    }

    @Test
    void protocolPseudoHeaderOnAGetThatEndsItsStreamIsMalformed() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo").method("GET"), true, true);
        assertEquals(List.of(PROTOCOL_ERROR), peer.resets(stream));
    }

    @Test
    void httpsSchemeOnACleartextConnectionIsRefusedWith400() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo").scheme("https"));
        assertRefused(stream, "400", ":scheme must be http on this connection.");
    }

    @Test
    void protocolOtherThanWebsocketIsRefusedWith501() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo").set(":protocol", "webtransport"));
        assertRefused(stream, "501", "Only the websocket protocol is served.");
    }

    @Test
    void pathWithoutARouteIsRefusedWith404() {
        assertRefused(peer.open(H2Peer.webSocketRequest("/nowhere")), "404", "No WebSocket route for this path.");
    }

    @Test
    void routeWithoutAnApplicationHandlerIsRefusedWith501() {
        assertRefused(peer.open(H2Peer.webSocketRequest("/pipeline-only")), "501",
                "This route is not served over HTTP/2.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8", "14"})
    void versionOtherThan13IsRefusedWith400Naming13(String version) {
        Http2Headers request = H2Peer.webSocketRequest("/echo");
        if (version.isEmpty()) {
            request.remove("sec-websocket-version");
        } else {
            request.set("sec-websocket-version", version);
        }
        Http2FrameStream stream = peer.open(request);
        assertRefused(stream, "400", "Unsupported WebSocket version.");
        assertEquals("13", peer.responseHeaders(stream).get("sec-websocket-version").toString());
    }

    @Test
    void originOutsideThePolicyIsRefusedWith403() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo").set("origin", "https://evil.example"));
        assertRefused(stream, "403", "Origin not allowed.");
    }

    @Test
    void originOnTheAllowListIsAccepted() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo").set("origin", "https://chat.example.com"));
        assertEquals("200", peer.status(stream));
    }

    @Test
    void sameOriginComparesWithTheAuthority() {
        Http2FrameStream stream =
                peer.open(H2Peer.webSocketRequest("/echo").set("origin", "https://server.example.com"));
        assertEquals("200", peer.status(stream));
    }

    @Test
    void requestFilterRefusalIsAnsweredWithItsStatus() {
        assertRefused(peer.open(H2Peer.webSocketRequest("/echo?banned")), "401", "Unauthorized.");
    }

    @Test
    void handlerSupplierThatFailsIsAnsweredWith500() {
        peer.finish();
        WebSocketServerConfig failing = WebSocketServerConfig.builder().route("/broken", () -> null).build();
        peer = new H2Peer(new Http2WebSocketServerInitializer(failing, new PageStreams()));
        assertRefused(peer.open(H2Peer.webSocketRequest("/broken")), "500", "Internal server error.");
    }

    @Test
    void requestWithoutProtocolGoesToTheOtherStreamsHandler() {
        Http2FrameStream stream = peer.open(new DefaultHttp2Headers().method("GET").scheme("http").path("/index.html")
                .authority("server.example.com"));
        assertEquals("204", peer.status(stream));
        assertEquals("/index.html", peer.responseHeaders(stream).get("x-path").toString());
    }

    private void assertRefused(Http2FrameStream stream, String status, String reason) {
        assertAnswered(stream, status, reason);
        assertEquals(List.of(Http2Error.NO_ERROR.code()), peer.resets(stream), "and asks the client to stop sending");
    }

    private void assertAnswered(Http2FrameStream stream, String status, String reason) {
        assertEquals(status, peer.status(stream));
        assertEquals(reason + "\n", new String(peer.data(stream), StandardCharsets.UTF_8));
        assertTrue(peer.endedStream(stream), "The refusal ends the stream.");
    }

    /** The application's pages: answers every request 204, naming its path. */
    @ChannelHandler.Sharable
    static final class PageStreams extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame request) {
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("204")
                        .set("x-path", request.headers().path()), true));
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
