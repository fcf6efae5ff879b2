package io.github.wsline.testkit;

import io.netty.channel.Channel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EmbeddedChannel} that is a {@link SocketChannel}, so that an application's
 * {@code ChannelInitializer<SocketChannel>} runs on it unchanged, and a handler that half-closes TCP (wsline's codec
 * after a protocol violation, RFC 6455 §7.1.1) finds a channel that can. Its clock is frozen from the start, and its
 * handlers are added as its registration begins, as an accepted connection's are: {@code channelActive} reaches them.
 */
final class EmbeddedSocketChannel extends EmbeddedChannel implements SocketChannel {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 50000);

    private final EmbeddedSocketConfig config = new EmbeddedSocketConfig(this);
    /** The types of the messages whose writes failed for not being bytes, for the kit's failure messages. */
    private final List<String> refusedWrites = new ArrayList<>();
    private boolean inputShutdown;
    private boolean outputShutdown;

    private EmbeddedSocketChannel(ChannelHandler... handlers) {
        super(EmbeddedChannel.builder().register(false).hasDisconnect(false).handlers(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                // The first thing registration runs: the clock is frozen before any handler can start a timer.
                ((EmbeddedChannel) channel).freezeTime();
                channel.pipeline().addLast(handlers);
            }
        }));
    }

    /** {@return a registered, active channel whose pipeline {@code handlers} set up} */
    static EmbeddedSocketChannel open(ChannelHandler... handlers) {
        EmbeddedSocketChannel channel = new EmbeddedSocketChannel(handlers);
        try {
            channel.register();
        } catch (Exception e) {
            throw new AssertionError("The pipeline failed as it was set up: " + e, e);
        }
        return channel;
    }

    /**
     * The peer ended its output (its FIN arrived): the channel closes, or, when it allows half-closure, stays open and
     * tells its handlers with a {@link ChannelInputShutdownEvent}, as Netty's socket transports do.
     */
    void peerShutdownOutput() {
        if (!isOpen() || inputShutdown) {
            return;
        }
        inputShutdown = true;
        if (config.isAllowHalfClosure()) {
            pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        } else {
            close();
        }
        runPendingTasks();
    }

    /** {@return the types of the messages whose writes failed for not being bytes} */
    List<String> refusedWrites() {
        return refusedWrites;
    }

    @Override
    public ServerSocketChannel parent() {
        return null;
    }

    @Override
    public SocketChannelConfig config() {
        return config;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) super.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) super.remoteAddress();
    }

    @Override
    protected SocketAddress localAddress0() {
        return isActive() ? LOCAL : null;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return isActive() ? REMOTE : null;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        inputShutdown = true;
        return promise.setSuccess();
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        if (!outputShutdown) {
            outputShutdown = true;
            pipeline().fireUserEventTriggered(ChannelOutputShutdownEvent.INSTANCE);
        }
        return promise.setSuccess();
    }

    @Override
    public boolean isShutdown() {
        return inputShutdown && outputShutdown || !isActive();
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        inputShutdown = true;
        return shutdownOutput(promise);
    }

    /**
     * Only bytes reach a socket: a message that is not a {@link ByteBuf} (a frame object written past the encoder) fails
     * its write and is released, as Netty's socket transports do, instead of reaching the peer.
     */
    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof ByteBuf) {
            return msg;
        }
        refusedWrites.add(msg.getClass().getSimpleName());
        throw new UnsupportedOperationException("unsupported message type: " + msg.getClass().getSimpleName()
                + " (expected: ByteBuf)");
    }

    /** After shutdownOutput, a write fails as it does on a socket, instead of reaching the peer. */
    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        if (!outputShutdown) {
            super.doWrite(in);
            return;
        }
        while (in.current() != null) {
            in.remove(new ChannelOutputShutdownException("The output was shut down"));
        }
    }
}
