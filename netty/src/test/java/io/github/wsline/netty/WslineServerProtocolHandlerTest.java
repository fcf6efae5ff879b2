package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketCloseReceived;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.UpgradeRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.ServerHandshakeStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drop-in protocol handler where Netty's sits: after the HTTP codec and the aggregator. */
class WslineServerProtocolHandlerTest {
    private static ServerChannel server(WslineServerProtocolHandler handler) {
        return new ServerChannel(new HttpServerCodec(), new HttpObjectAggregator(65536), handler);
    }

    @Test
    void handshakeFiresNettysEventsBeforeTheFirstFrame() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws"))) {
            byte[] request = UpgradeRequest.to("/ws").toBytes();
            byte[] hello = Frame.of(Frame.OPCODE_TEXT, "hello").toBytes(ServerChannel.MASK);
            byte[] both = new byte[request.length + hello.length];
            System.arraycopy(request, 0, both, 0, request.length);
            System.arraycopy(hello, 0, both, request.length, hello.length);

            server.send(both);

            assertTrue(server.responseHead().startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
            assertSame(ServerHandshakeStateEvent.HANDSHAKE_COMPLETE, server.next(ServerHandshakeStateEvent.class));
            HandshakeComplete complete = server.next(HandshakeComplete.class);
            assertEquals("/ws", complete.requestUri());
            assertEquals("server.example.com", complete.requestHeaders().get("Host"));
            assertNull(complete.selectedSubprotocol());
            TextWebSocketFrame frame = server.next(TextWebSocketFrame.class);
            assertEquals("hello", frame.text());
            frame.release();
        }
    }

    @Test
    void httpDecoderAndEncoderAsTwoHandlersAreReplacedToo() {
        try (ServerChannel server = new ServerChannel(new HttpRequestDecoder(), new HttpResponseEncoder(),
                new HttpObjectAggregator(65536), new WslineServerProtocolHandler("/ws"))) {
            assertTrue(server.upgrade(UpgradeRequest.to("/ws")).startsWith("HTTP/1.1 101 "));
            server.next(ServerHandshakeStateEvent.class);
            server.next(HandshakeComplete.class);

            server.send(Frame.of(Frame.OPCODE_TEXT, "hello"));

            assertNull(server.channel.pipeline().get(HttpRequestDecoder.class));
            assertNull(server.channel.pipeline().get(HttpResponseEncoder.class));
            TextWebSocketFrame frame = server.next(TextWebSocketFrame.class);
            assertEquals("hello", frame.text());
            frame.release();
        }
    }

    @Test
    void requestsForOtherPathsReachThePageHandlersWhole() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws"))) {
            server.send("GET /index.html HTTP/1.1\r\nHost: server.example.com\r\n\r\n");

            FullHttpRequest page = server.next(FullHttpRequest.class);
            assertEquals("/index.html", page.uri());
            page.release();
        }
    }

    @Test
    void upgradeRemovesTheAggregatorAndTheContentCompressorAndKeepsTheProtocolHandler() {
        WslineServerProtocolHandler handler = new WslineServerProtocolHandler("/ws");
        try (ServerChannel server = new ServerChannel(new HttpServerCodec(), new HttpContentCompressor(),
                new HttpObjectAggregator(65536), handler)) {
            server.upgrade(UpgradeRequest.to("/ws"));

            assertNull(server.channel.pipeline().get(HttpObjectAggregator.class));
            assertNull(server.channel.pipeline().get(HttpContentCompressor.class));
            assertNull(server.channel.pipeline().get(HttpServerCodec.class));
            assertSame(handler, server.channel.pipeline().get(WslineServerProtocolHandler.class));
        }
    }

    @Test
    void queryStringIsIgnoredWhenMatchingThePath() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws"))) {
            assertTrue(server.upgrade(UpgradeRequest.to("/ws?room=lobby")).startsWith("HTTP/1.1 101 "));
            server.next(ServerHandshakeStateEvent.class);
            assertEquals("/ws?room=lobby", server.next(HandshakeComplete.class).requestUri());
        }
    }

    @Test
    void pathsBelowTheWebSocketPathUpgradeOnlyWithCheckStartsWith() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws", true))) {
            assertTrue(server.upgrade(UpgradeRequest.to("/ws/room/1")).startsWith("HTTP/1.1 101 "));
        }
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws", false))) {
            server.send(UpgradeRequest.to("/ws/room/1").toString());
            server.next(FullHttpRequest.class).release();
        }
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws", true))) {
            server.send(UpgradeRequest.to("/wsx").toString());
            server.next(FullHttpRequest.class).release();
        }
    }

    @Test
    void refusedHandshakeIsAnsweredWithItsStatusAndTheConnectionClosed() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws"))) {
            String head = server.upgrade(UpgradeRequest.to("/ws").key("c2hvcnQ="));

            assertTrue(head.startsWith("HTTP/1.1 400 Bad Request\r\n"), head);
            assertFalse(server.channel.isOpen());
            assertTrue(server.received.isEmpty(), "as on Netty, the application hears nothing of it");
        }
    }

    @Test
    void subprotocolIsTheFirstOfTheClientsOffersThatTheServerSpeaks() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws", "chat, superchat"))) {
            String head = server.upgrade(UpgradeRequest.to("/ws").headers("Sec-WebSocket-Protocol: superchat, chat"));

            assertTrue(head.contains("sec-websocket-protocol: superchat\r\n"), head);
            server.next(ServerHandshakeStateEvent.class);
            assertEquals("superchat", server.next(HandshakeComplete.class).selectedSubprotocol());
        }
    }

    @Test
    void handshakeTimeoutRunsOnlyDuringAWebSocketHandshake() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws"))) {
            server.send("GET /index.html HTTP/1.1\r\nHost: server.example.com\r\n\r\n");
            server.next(FullHttpRequest.class).release();

            server.advanceMillis(60_000);

            assertTrue(server.channel.isOpen());
        }
    }

    /** As the Netty in Action chat's: answers pages itself, and passes on the WebSocket path's requests. */
    private static final class PageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if ("/ws".equals(request.uri())) {
                ctx.fireChannelRead(request.retain());
            } else {
                FullHttpResponse page = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                HttpUtil.setContentLength(page, 0);
                ctx.writeAndFlush(page);
            }
        }
    }

    @Test
    void keepAliveConnectionServedByAPageHandlerInFrontIsNotClosedAndCanStillUpgrade() {
        try (ServerChannel server = new ServerChannel(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new PageHandler(), new WslineServerProtocolHandler("/ws"))) {
            server.send("GET /index.html HTTP/1.1\r\nHost: server.example.com\r\n\r\n");
            assertTrue(server.responseHead().startsWith("HTTP/1.1 200 OK\r\n"));

            server.advanceMillis(60_000);

            assertTrue(server.channel.isOpen());
            assertTrue(server.upgrade(UpgradeRequest.to("/ws")).startsWith("HTTP/1.1 101 "));
        }
    }

    @Test
    void handshakeWhoseRequestDoesNotEndInTimeFiresHandshakeTimeoutAndCloses() {
        try (ServerChannel server = new ServerChannel(new HttpServerCodec(),
                new WslineServerProtocolHandler("/ws", 5_000L))) {
            server.send(UpgradeRequest.to("/ws").headers("Content-Length: 5").toString());

            server.advanceMillis(4_999);
            assertTrue(server.channel.isOpen());
            server.advanceMillis(1);

            assertSame(ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT, server.next(ServerHandshakeStateEvent.class));
            assertFalse(server.channel.isOpen());
        }
    }

    @Test
    void upgradedConnectionOutlivesTheHandshakeTimeout() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws"))) {
            server.upgrade(UpgradeRequest.to("/ws"));

            server.advanceMillis(60_000);

            assertTrue(server.channel.isOpen());
        }
    }

    @Test
    void framesUpToNettysDefaultOf65536BytesAreDeliveredAndLargerOnesRefusedWith1009() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws"))) {
            server.upgrade(UpgradeRequest.to("/ws"));
            server.next(ServerHandshakeStateEvent.class);
            server.next(HandshakeComplete.class);

            server.send(Frame.of(Frame.OPCODE_BINARY, new byte[65536]));
            server.next(BinaryWebSocketFrame.class).release();
            server.send(Frame.of(Frame.OPCODE_BINARY, new byte[65537]));

            assertEquals(1009, server.frames().get(0).closeCode());
        }
    }

    @Test
    void fragmentedMessageIsDeliveredWholeAlsoThroughANettyFrameAggregator() {
        try (ServerChannel server = new ServerChannel(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WslineServerProtocolHandler("/ws"), new WebSocketFrameAggregator(65536))) {
            server.upgrade(UpgradeRequest.to("/ws"));
            server.next(ServerHandshakeStateEvent.class);
            server.next(HandshakeComplete.class);

            server.send(Frame.of(Frame.OPCODE_TEXT, "Hel").fin(false));
            server.send(Frame.of(Frame.OPCODE_CONTINUATION, "lo"));

            TextWebSocketFrame message = server.next(TextWebSocketFrame.class);
            assertEquals("Hello", message.text());
            assertTrue(message.isFinalFragment());
            message.release();
            assertTrue(server.received.isEmpty());
        }
    }

    @Test
    void closingTheChannelSendsNettysNormalClosureFirst() {
        try (ServerChannel server = server(new WslineServerProtocolHandler("/ws"))) {
            server.upgrade(UpgradeRequest.to("/ws"));

            server.channel.close();

            List<Frame> frames = server.frames();
            assertEquals(1, frames.size());
            assertEquals(WebSocketCloseStatus.NORMAL_CLOSURE.code(), frames.get(0).closeCode());
            assertFalse(server.channel.isOpen());
        }
    }

    private static ServerChannel upgraded(WslineServerProtocolHandler handler) {
        ServerChannel server = server(handler);
        server.upgrade(UpgradeRequest.to("/ws"));
        server.next(ServerHandshakeStateEvent.class);
        server.next(HandshakeComplete.class);
        return server;
    }

    private static WebSocketServerProtocolConfig.Builder config() {
        return WebSocketServerProtocolConfig.newBuilder().websocketPath("/ws");
    }

    @Test
    void peersCloseIsAnsweredWithItsCodeAndReasonAndNotDeliveredByDefault() {
        try (ServerChannel server = upgraded(new WslineServerProtocolHandler("/ws"))) {
            server.send(Frame.close(1001, "going away"));

            Frame echo = server.frames().get(0);
            assertEquals(1001, echo.closeCode());
            assertEquals("going away", echo.closeReason());
            assertFalse(server.received.stream().anyMatch(CloseWebSocketFrame.class::isInstance));
        }
    }

    @Test
    void peersCloseReachesTheApplicationWhenHandleCloseFramesIsFalse() {
        WebSocketServerProtocolConfig config = config().handleCloseFrames(false).build();
        try (ServerChannel server = upgraded(new WslineServerProtocolHandler(config))) {
            server.send(Frame.close(4000, "bye"));

            server.next(WebSocketCloseReceived.class);
            CloseWebSocketFrame close = server.next(CloseWebSocketFrame.class);
            assertEquals(4000, close.statusCode());
            assertEquals("bye", close.reasonText());
            server.channel.writeAndFlush(close); // a Netty application echoes it; wsline answered already

            List<Frame> frames = server.frames();
            assertEquals(1, frames.size(), "one Close only");
            assertEquals(4000, frames.get(0).closeCode());
        }
    }

    @Test
    void pongsAreDroppedByDefault() {
        try (ServerChannel server = upgraded(new WslineServerProtocolHandler("/ws"))) {
            server.send(Frame.of(Frame.OPCODE_PONG, "beat"));

            assertTrue(server.received.isEmpty());
        }
    }

    @Test
    void pongsReachTheApplicationWhenDropPongFramesIsFalse() {
        WebSocketServerProtocolConfig config = config().dropPongFrames(false).build();
        try (ServerChannel server = upgraded(new WslineServerProtocolHandler(config))) {
            server.send(Frame.of(Frame.OPCODE_PONG, "beat"));

            PongWebSocketFrame pong = server.next(PongWebSocketFrame.class);
            assertEquals("beat", pong.content().toString(StandardCharsets.UTF_8));
            pong.release();
        }
    }

    @Test
    void pingsAreAnsweredAndNotDelivered() {
        try (ServerChannel server = upgraded(new WslineServerProtocolHandler("/ws"))) {
            server.send(Frame.of(Frame.OPCODE_PING, "beat"));

            Frame pong = server.frames().get(0);
            assertEquals(Frame.OPCODE_PONG, pong.opcode());
            assertEquals("beat", pong.text());
            assertTrue(server.received.isEmpty());
        }
    }
}
