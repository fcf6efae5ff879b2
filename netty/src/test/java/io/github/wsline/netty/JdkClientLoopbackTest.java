package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
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
    private static final long TIMEOUT_SECONDS = 60;

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

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Application application = new Application();
    private Channel server;

    @BeforeEach
    void start() throws InterruptedException {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws").handleCloseFrames(false).build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WslineServerProtocolHandler(config), application);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void echoAndCloseCodeAndReasonSeenOnBothSides() throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
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
                listener).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("welcome to /ws", texts.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        client.sendText("hello", true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals("hello", texts.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));

        client.sendClose(4000, "done").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("4000 done", application.peerClose.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals("4000 done", serverClose.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
}
