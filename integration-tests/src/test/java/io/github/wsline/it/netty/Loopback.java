package io.github.wsline.it.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Servers and clients on 127.0.0.1 for the ported Netty applications: a server is bound to port 0 with the
 * application's own initializer (where its {@code main} would bind a fixed port and block), and the channels it
 * accepts are kept so a test can look at their pipelines. Every wait is bounded by {@link #TIMEOUT}.
 */
final class Loopback implements AutoCloseable {
    /** Long enough that only something broken, never a busy machine, runs out of it. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final List<Channel> accepted = new CopyOnWriteArrayList<>();

    /** Binds a server whose accepted channels are set up by {@code childHandler}, e.g. an application's initializer. */
    Channel serve(ChannelHandler childHandler) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.add(ch);
                        ch.pipeline().addLast(childHandler);
                    }
                });
        return await(bootstrap.bind(InetAddress.getLoopbackAddress(), 0)).channel();
    }

    /** Connects a client channel set up by {@code handler} to {@code server}. */
    Channel connect(Channel server, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(handler);
        return await(bootstrap.connect(server.localAddress())).channel();
    }

    /** The channels the servers accepted so far, oldest first. */
    List<Channel> accepted() {
        return accepted;
    }

    static URI uri(Channel server, String path) {
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        return URI.create("ws://127.0.0.1:" + address.getPort() + path);
    }

    /** Waits for {@code future} and returns it, rethrowing its failure as an AssertionError. */
    static <F extends Future<?>> F await(F future) {
        try {
            if (!future.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Nothing within " + TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!future.isSuccess()) {
            throw new AssertionError(future.cause());
        }
        return future;
    }

    /** The future's value within {@link #TIMEOUT}; its failure is rethrown as an AssertionError. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Nothing within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next element of {@code queue}, waiting at most {@link #TIMEOUT}. */
    static <T> T next(BlockingQueue<T> queue, String what) {
        try {
            T next = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("No " + what + " within " + TIMEOUT.toSeconds() + " s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
