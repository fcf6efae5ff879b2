package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Netty's stock client with {@code WebSocketClientCompressionHandler}, which refuses an unsolicited
 * {@code client_no_context_takeover}, against a server with the drop-in compression and protocol handlers.
 */
class NettyClientCompressionLoopbackTest {
    static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text()));
        }
    }

    private LoopbackServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new LoopbackServer(pipeline -> pipeline.addLast(new HttpServerCodec(),
                new HttpObjectAggregator(65536), new WslineServerCompressionHandler(0),
                new WslineServerProtocolHandler("/ws", null, true), new Echo()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void nettysStockCompressingClientConnectsAndExchangesCompressedMessages() throws Exception {
        int port = server.port();
        CompletableFuture<Object> handshake = new CompletableFuture<>();
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        Channel client = new Bootstrap().group(server.group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                WebSocketClientCompressionHandler.INSTANCE,
                                new WebSocketClientProtocolHandler(URI.create("ws://127.0.0.1:" + port + "/ws"),
                                        WebSocketVersion.V13, null, true, EmptyHttpHeaders.INSTANCE, 65536),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent
                                                .HANDSHAKE_COMPLETE) {
                                            handshake.complete(event);
                                        }
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        handshake.completeExceptionally(cause);
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        texts.add(frame.text());
                                    }
                                });
                    }
                })
                .connect("127.0.0.1", port).sync().channel();

        handshake.get(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertTrue(client.pipeline().toMap().values().stream()
                .anyMatch(handler -> handler.getClass().getSimpleName().equals("PerMessageDeflateDecoder")),
                "the client agreed to permessage-deflate: " + client.pipeline().names());
        String message = "compress me ".repeat(100);
        client.writeAndFlush(new TextWebSocketFrame(message));

        assertEquals(message, texts.poll(LoopbackServer.TIMEOUT_SECONDS, TimeUnit.SECONDS));
        client.close().syncUninterruptibly();
    }
}
