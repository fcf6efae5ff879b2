package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Netty server built the Netty way with only the protocol handler swapped, and the JDK's WebSocket client over
 * loopback: the handshake event, an echo, and the close code and reason seen on both sides.
 */
class JdkClientLoopbackTest {
    /** Greets on the handshake, echoes text, and records the Close it receives (handleCloseFrames is false). */
    static final class Application extends SimpleChannelInboundHandler<WebSocketFrame> {
        final CompletableFuture<String> peerClose = new CompletableFuture<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
                ctx.writeAndFlush(new TextWebSocketFrame("welcome to " + handshake.requestUri()));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                ctx.writeAndFlush(new TextWebSocketFrame(text.text()));
            } else if (frame instanceof CloseWebSocketFrame close) {
                peerClose.complete(close.statusCode() + " " + close.reasonText());
                ctx.writeAndFlush(close.retain()); // as Netty applications echo it
            }
        }
    }

    private final Application application = new Application();
    private LoopbackServer server;

    @BeforeEach
    void start() throws InterruptedException {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws").handleCloseFrames(false).build();
        server = new LoopbackServer(pipeline -> pipeline.addLast(new HttpServerCodec(),
                new HttpObjectAggregator(65536), new WslineServerProtocolHandler(config), application));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void echoAndCloseCodeAndReasonSeenOnBothSides() throws Exception {
        int port = server.port();
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        CompletableFuture<String> serverClose = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                texts.add(data.toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                serverClose.complete(statusCode + " " + reason);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                throw new AssertionError("no binary expected");
            }
        };
        HttpClient http = HttpClient.newHttpClient();
        WebSocket client = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
                listener).get(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("welcome to /ws", texts.poll(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS));
        client.sendText("hello", true).get(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals("hello", texts.poll(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS));

        client.sendClose(4000, "done").get(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("4000 done", application.peerClose.get(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals("4000 done", serverClose.get(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
}
