package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.UpgradeRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The handshaker idiom of Netty's example servers, with the factory swapped for wsline's. */
class WslineServerHandshakerFactoryTest {
    /** As Netty's example WebSocketServerHandler: it answers Pings and Closes itself, and echoes text in upper case. */
    static final class NettyStyleHandler extends SimpleChannelInboundHandler<Object> {
        final List<String> pongs = new ArrayList<>();
        WebSocketServerHandshaker handshaker;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                handshaker = new WslineServerHandshakerFactory("ws://server.example.com/ws", "chat", true)
                        .newHandshaker(request);
                if (handshaker == null) {
                    WslineServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                } else {
                    handshaker.handshake(ctx.channel(), request);
                }
            } else if (msg instanceof CloseWebSocketFrame close) {
                handshaker.close(ctx.channel(), close.retain());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof PongWebSocketFrame pong) {
                pongs.add(pong.content().toString(StandardCharsets.UTF_8));
            } else if (msg instanceof TextWebSocketFrame text) {
                ctx.writeAndFlush(new TextWebSocketFrame(text.text().toUpperCase(Locale.ROOT)));
            } else if (msg instanceof WebSocketFrame) {
                throw new AssertionError("unexpected " + msg);
            }
        }
    }

    private final NettyStyleHandler application = new NettyStyleHandler();

    private ServerChannel server() {
        return new ServerChannel(new HttpServerCodec(), new HttpObjectAggregator(65536), application);
    }

    @Test
    void handshakeAnswers101AndFramesReachTheApplication() {
        try (ServerChannel server = server()) {
            String head = server.upgrade(UpgradeRequest.to("/ws").headers("Sec-WebSocket-Protocol: chat"));
            server.send(Frame.of(Frame.OPCODE_TEXT, "hello"));

            assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
            assertEquals("chat", application.handshaker.selectedSubprotocol());
            assertEquals("HELLO", server.frames().get(0).text());
            assertNull(server.channel.pipeline().get(HttpObjectAggregator.class));
            assertNull(server.channel.pipeline().get(HttpServerCodec.class));
        }
    }

    @Test
    void compressionHandlerInThePipelineNegotiatesPermessageDeflateAndLeaves() {
        try (ServerChannel server = new ServerChannel(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WslineServerCompressionHandler(0), application)) {
            String head = server.upgrade(UpgradeRequest.to("/ws")
                    .headers("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"));

            assertTrue(head.contains("sec-websocket-extensions: permessage-deflate; server_no_context_takeover\r\n"),
                    head);
            assertNull(server.channel.pipeline().get(WslineServerCompressionHandler.class));
            server.channel.writeAndFlush(new TextWebSocketFrame("compressible ".repeat(20)));
            assertEquals(WebSocketConfig.RSV1, server.frames().get(0).rsv());
        }
    }

    /** Netty's handshakers also take a request head, and aggregate its content themselves. */
    static final class HeadOnlyHandler extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                new WslineServerHandshakerFactory("ws://server.example.com/ws", null, false).newHandshaker(request)
                        .handshake(ctx.channel(), request);
            }
        }
    }

    @Test
    void handshakeWithARequestHeadWithoutAnAggregator() {
        try (ServerChannel server = new ServerChannel(new HttpServerCodec(), new HeadOnlyHandler())) {
            String head = server.upgrade(UpgradeRequest.to("/ws"));
            server.send(Frame.of(Frame.OPCODE_TEXT, "hello"));

            assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
            TextWebSocketFrame frame = server.next(TextWebSocketFrame.class);
            assertEquals("hello", frame.text());
            frame.release();
        }
    }

    @Test
    void applicationAnswersPingsItselfWithOnePong() {
        try (ServerChannel server = server()) {
            server.upgrade(UpgradeRequest.to("/ws"));

            server.send(Frame.of(Frame.OPCODE_PING, "beat"));

            List<Frame> frames = server.frames();
            assertEquals(1, frames.size(), "the application's Pong only");
            assertEquals(Frame.OPCODE_PONG, frames.get(0).opcode());
            assertEquals("beat", frames.get(0).text());
        }
    }

    @Test
    void pongsReachTheApplication() {
        try (ServerChannel server = server()) {
            server.upgrade(UpgradeRequest.to("/ws"));

            server.send(Frame.of(Frame.OPCODE_PONG, "beat"));

            assertEquals(List.of("beat"), application.pongs);
        }
    }

    @Test
    void applicationsCloseEchoIsTheOnlyCloseAndCarriesThePeersCode() {
        try (ServerChannel server = server()) {
            server.upgrade(UpgradeRequest.to("/ws"));

            server.send(Frame.close(1001, "going away"));

            List<Frame> frames = server.frames();
            assertEquals(1, frames.size());
            assertEquals(1001, frames.get(0).closeCode());
            assertFalse(server.channel.isOpen());
        }
    }

    @Test
    void unsupportedVersionGetsNoHandshakerAnd426() {
        try (ServerChannel server = server()) {
            server.send(UpgradeRequest.to("/ws").toString()
                    .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 99"));

            String head = server.responseHead();
            assertTrue(head.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), head);
            assertTrue(head.contains("sec-websocket-version: 13\r\n"), head);
            assertNull(application.handshaker);
        }
    }

    @Test
    void refusedHandshakeThrowsNettysExceptionWithWslinesReason() {
        try (ServerChannel server = server()) {
            server.send(UpgradeRequest.to("/ws").toString().replace("Connection: Upgrade", "Connection: keep-alive"));

            WebSocketServerHandshakeException refused = server.next(WebSocketServerHandshakeException.class);
            assertEquals("Connection header must contain Upgrade.", refused.getMessage());
            assertEquals("/ws", refused.request().uri());
        }
    }
}
