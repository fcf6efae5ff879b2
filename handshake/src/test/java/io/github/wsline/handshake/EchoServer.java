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

/** A server on a loopback port chosen by the system, echoing every message sent to {@code /echo}. */
final class EchoServer implements AutoCloseable {
    private final Channel channel;

    EchoServer(EventLoopGroup group) throws InterruptedException {
        WebSocketServerConfig config = WebSocketServerConfig.builder().route("/echo", EchoHandler::new).build();
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
