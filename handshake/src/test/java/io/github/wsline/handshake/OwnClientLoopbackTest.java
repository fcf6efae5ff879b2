package io.github.wsline.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConnectionHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our client against our server, over TCP on loopback. */
class OwnClientLoopbackTest {
    private static EventLoopGroup group;
    private static EchoServer server;

    /** What the client received, described: data frames from the application's end, control frames from the codec's. */
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private Channel client;

    @BeforeAll
    static void startServer() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new EchoServer(group);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void connect() throws InterruptedException {
        WebSocketClientUpgradeHandler handshaker = new WebSocketClientUpgradeHandler(
                WebSocketClientConfig.builder(server.uri("/echo")).handshakeTimeout(EchoServer.TIMEOUT).build());
        client = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), handshaker, new DataFrames());
                    }
                })
                .connect(server.uri("/echo").getHost(), server.uri("/echo").getPort()).sync().channel();
        assertTrue(handshaker.handshakeFuture().await(EchoServer.TIMEOUT.toMillis()), "handshake in time");
        assertTrue(handshaker.handshakeFuture().isSuccess(), () -> "handshake: " + handshaker.handshakeFuture().cause());
        // Pongs and Closes are consumed by the protocol handler; watch them arrive right behind the decoder.
        client.pipeline().addAfter(WebSocketConnectionHandler.DECODER_NAME, "control-frames", new ControlFrames());
    }

    @AfterEach
    void disconnect() {
        client.close().syncUninterruptibly();
    }

    private String next() throws InterruptedException {
        String message = received.poll(EchoServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("Nothing received in " + EchoServer.TIMEOUT.toSeconds() + " s.");
        }
        return message;
    }

    @Test
    void textIsEchoed() throws InterruptedException {
        client.writeAndFlush(new TextWebSocketFrame("hello"));

        assertEquals("Text hello", next());
    }

    @Test
    void binaryIsEchoed() throws InterruptedException {
        client.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff})));

        assertEquals("Binary 0001feff", next());
    }

    @Test
    void fragmentedTextIsEchoedAsOneMessage() throws InterruptedException {
        client.write(new TextWebSocketFrame(false, 0, "Hel"));
        client.writeAndFlush(new ContinuationWebSocketFrame(true, 0, "lo"));

        assertEquals("Text Hello", next());
    }

    @Test
    void pingIsAnsweredWithPong() throws InterruptedException {
        client.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer("are you there", StandardCharsets.UTF_8)));

        assertEquals("Pong are you there", next());
    }

    @Test
    void closeIsEchoedAndTheServerClosesTcp() throws InterruptedException {
        client.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));

        assertEquals("Close 1000", next());
        assertTrue(client.closeFuture().await(EchoServer.TIMEOUT.toMillis()), "the server closes TCP first (§7.1.1)");
    }

    private final class DataFrames extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof TextWebSocketFrame) {
                    received.add("Text " + ((TextWebSocketFrame) msg).text());
                } else if (msg instanceof BinaryWebSocketFrame) {
                    received.add("Binary " + ByteBufUtil.hexDump(((BinaryWebSocketFrame) msg).content()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    private final class ControlFrames extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof PongWebSocketFrame) {
                received.add("Pong " + ((PongWebSocketFrame) msg).content().toString(StandardCharsets.UTF_8));
            } else if (msg instanceof CloseWebSocketFrame) {
                received.add("Close " + ((CloseWebSocketFrame) msg).statusCode());
            }
            ctx.fireChannelRead(msg);
        }
    }
}
