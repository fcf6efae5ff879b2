package io.github.wsline.handshake;

import io.github.wsline.testsupport.EchoHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/** A server on a loopback port chosen by the system, echoing every message sent to {@code /echo}. */
final class EchoServer implements AutoCloseable {
    /**
     * How long the loopback tests wait for what takes milliseconds, and the server's handshake timeout: only a broken
     * exchange, never a busy machine, runs out of it.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Channel channel;

    EchoServer(EventLoopGroup group) throws InterruptedException {
        WebSocketServerConfig config = WebSocketServerConfig.builder()
                .route("/echo", EchoHandler::new)
                .handshakeTimeout(TIMEOUT)
                .build();
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + path);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
