package io.github.wsline.netty;

import static io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE;
import static io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_ISSUED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketCloseReceived;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client drop-ins over loopback against Netty's own server: {@code WebSocketServerProtocolHandler} behind
 * {@code WebSocketServerCompressionHandler}, echoing text and closing with 4001 "done" when asked.
 */
class NettyServerLoopbackTest {
    /** Bounds a wait that only a broken client or server reaches. */
    private static final long WAIT_SECONDS = 60;
    private static final String LONG_TEXT = "the same words again and again, ".repeat(600);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicLong serverBytesIn = new AtomicLong();
    private final AtomicLong clientBytesIn = new AtomicLong();
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private Channel server;

    /** Netty's server, as its examples build it, plus a count of the bytes it reads. */
    @BeforeEach
    void startNettyServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ByteCounter(serverBytesIn), new HttpServerCodec(),
                                new HttpObjectAggregator(65536), new WebSocketServerCompressionHandler(0),
                                new WebSocketServerProtocolHandler("/ws", null, true), new EchoOrClose());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/ws");
    }

    /** Connects a client whose pipeline is Netty's: HTTP codec, aggregator, compression, then these handlers. */
    private Channel connect(ChannelHandler... handlers) throws InterruptedException {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ByteCounter(clientBytesIn), new HttpClientCodec(),
                                new HttpObjectAggregator(8192), WslineClientCompressionHandler.INSTANCE);
                        ch.pipeline().addLast(handlers);
                    }
                })
                .connect(uri().getHost(), uri().getPort()).sync().channel();
    }

    private void assertCompressedBothWays() {
        assertTrue(serverBytesIn.get() < 2000, "the client compressed: the server read " + serverBytesIn + " bytes");
        assertTrue(clientBytesIn.get() < 2000, "the server compressed: the client read " + clientBytesIn + " bytes");
    }

    @Test
    void protocolHandlerEchoesCompressedBothWaysAndSeesTheServersCloseCodeAndReason() throws Exception {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri())
                .handleCloseFrames(false)
                .build();
        Channel client = connect(new WslineClientProtocolHandler(config), new Recorder());

        assertEquals(HANDSHAKE_ISSUED, next());
        assertEquals(HANDSHAKE_COMPLETE, next());
        client.writeAndFlush(new TextWebSocketFrame(LONG_TEXT));
        assertEquals(LONG_TEXT, next());
        assertCompressedBothWays();

        client.writeAndFlush(new TextWebSocketFrame("close"));
        WebSocketCloseReceived event = (WebSocketCloseReceived) next();
        assertEquals(4001, event.statusCode());
        assertEquals("done", event.reasonText());
        assertEquals("4001 done", next(), "the Close frame itself, as handleCloseFrames(false) says");
        assertTrue(client.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void handshakerEchoesCompressedBothWaysAndSeesTheServersCloseCodeAndReason() throws Exception {
        HandshakerClient application = new HandshakerClient(WslineClientHandshakerFactory.newHandshaker(
                uri(), WebSocketVersion.V13, null, true, new DefaultHttpHeaders()));
        Channel client = connect(application);
        application.handshake.get(WAIT_SECONDS, TimeUnit.SECONDS);

        client.writeAndFlush(new TextWebSocketFrame(LONG_TEXT));
        assertEquals(LONG_TEXT, application.received.poll(WAIT_SECONDS, TimeUnit.SECONDS).content());
        assertCompressedBothWays();

        client.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer("are you there", StandardCharsets.UTF_8)));
        assertEquals(new ClientApplication.Received(PongWebSocketFrame.class, "are you there"),
                application.received.poll(WAIT_SECONDS, TimeUnit.SECONDS), "the application sees the Pong, as on Netty");

        client.writeAndFlush(new TextWebSocketFrame("close"));
        assertEquals("4001 done", application.received.poll(WAIT_SECONDS, TimeUnit.SECONDS).content());
        assertTrue(client.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    private Object next() throws InterruptedException {
        Object next = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("Nothing received in " + WAIT_SECONDS + " s.");
        }
        return next;
    }

    /** Counts the bytes a channel reads, before any decoder. */
    private static final class ByteCounter extends ChannelInboundHandlerAdapter {
        private final AtomicLong count;

        ByteCounter(AtomicLong count) {
            this.count = count;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            count.addAndGet(((ByteBuf) msg).readableBytes());
            ctx.fireChannelRead(msg);
        }
    }

    /** Netty's server application: echoes text, and closes with 4001 "done" when the text says "close". */
    private static final class EchoOrClose extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(frame.text().equals("close")
                    ? new CloseWebSocketFrame(4001, "done")
                    : new TextWebSocketFrame(frame.text()));
        }
    }

    /** The client application: queues the user events, the text of text frames, and Close frames as "code reason". */
    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            received.add(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            try {
                received.add(frame instanceof CloseWebSocketFrame close
                        ? close.statusCode() + " " + close.reasonText()
                        : frame.content().toString(StandardCharsets.UTF_8));
            } finally {
                frame.release();
            }
        }
    }
}
