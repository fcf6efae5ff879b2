package io.github.wsline.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wsline.handshake.WebSocketHandshakeCompleted;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.testsupport.EchoHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real, independent peer over loopback: Node's built-in {@code http2} module opens several WebSockets on one h2c
 * connection with extended CONNECT (src/test/node/extended-connect-client.mjs), echoes a message on each and closes
 * each with the closing handshake, which must end each stream with END_STREAM, never a reset.
 */
class NodeInteropTest {
    private static final Path SCRIPT = Path.of("src/test/node/extended-connect-client.mjs");
    private static final int WEB_SOCKETS = 3;

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger http2Handshakes = new AtomicInteger();
    private EventLoopGroup group;
    private Channel server;

    @BeforeAll
    static void requireNode() {
        boolean installed = nodeRuns();
        String message = "This test needs Node.js (node on the PATH): apt-get install nodejs";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(installed, message); // CI must run it, not skip it
        } else {
            assumeTrue(installed, message);
        }
    }

    @BeforeEach
    void startServer() throws InterruptedException {
        WebSocketServerConfig config = WebSocketServerConfig.builder()
                .route("/echo", () -> new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        stream.pipeline().addLast(new Http2HandshakeCounter(), new EchoHandler());
                    }
                })
                .build();
        Http2WebSocketServerInitializer http2 =
                new Http2WebSocketServerInitializer(config, new ExtendedConnectTest.PageStreams());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel connection) {
                        connections.incrementAndGet();
                        connection.pipeline().addLast(http2);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterEach
    void stopServer() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void severalWebSocketsOnOneConnectionEchoAndCloseWithEndStream() throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        Process node = new ProcessBuilder("node", SCRIPT.toString(), String.valueOf(port), "/echo",
                String.valueOf(WEB_SOCKETS)).redirectErrorStream(true).start();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, node.exitValue(), output);
        assertEquals(List.of(
                "ws 0: echo hello from 0, close 1000, end",
                "ws 1: echo hello from 1, close 1000, end",
                "ws 2: echo hello from 2, close 1000, end"), output.lines().toList());
        assertEquals(1, connections.get(), "one TCP connection");
        assertEquals(WEB_SOCKETS, http2Handshakes.get(), "each handshake said it came over h2");
    }

    private static boolean nodeRuns() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }

    /** Counts the handshakes the application was told came over HTTP/2. */
    private final class Http2HandshakeCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketHandshakeCompleted completed && completed.isHttp2()) {
                http2Handshakes.incrementAndGet();
            }
            ctx.fireUserEventTriggered(event);
        }
    }
}
