package io.github.wsline.netty;

import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.UpgradeRequest;
import io.github.wsline.testsupport.WireFrames;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * A server pipeline on an EmbeddedChannel with a frozen clock, and what reached its last handler: messages and user
 * events in one queue, in order, each message owned by the queue until a test takes it ({@link #close()} releases the
 * rest).
 */
final class ServerChannel implements AutoCloseable {
    static final int MASK = 0x37fa213d;

    final EmbeddedChannel channel = new EmbeddedChannel();
    final Queue<Object> received = new ArrayDeque<>();
    private byte[] unreadOutput = new byte[0];

    ServerChannel(ChannelHandler... handlers) {
        channel.freezeTime();
        channel.pipeline().addLast(handlers);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                received.add(event);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                received.add(cause);
            }
        });
    }

    void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    void send(Frame frame) {
        send(frame.toBytes(MASK));
    }

    /** Sends the handshake request for {@code target} and returns the response's head. */
    String upgrade(UpgradeRequest request) {
        send(request.toString());
        return responseHead();
    }

    /** The head of the next HTTP response written, e.g. {@code HTTP/1.1 101 Switching Protocols\r\n...}. */
    String responseHead() {
        read();
        String text = new String(unreadOutput, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("No response head in: " + text);
        }
        unreadOutput = Arrays.copyOfRange(unreadOutput, end + 4, unreadOutput.length);
        return text.substring(0, end + 2);
    }

    /** The frames written since the response head, or the rest of the output. */
    List<Frame> frames() {
        read();
        byte[] bytes = unreadOutput;
        unreadOutput = new byte[0];
        return WireFrames.parse(bytes);
    }

    /** The next thing the last handler received, which must be a {@code type}. */
    <T> T next(Class<T> type) {
        Object next = received.poll();
        if (!type.isInstance(next)) {
            ReferenceCountUtil.release(next);
            throw new AssertionError("Expected a " + type.getSimpleName() + ", got " + next);
        }
        return type.cast(next);
    }

    void advanceMillis(long millis) {
        channel.advanceTimeBy(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private void read() {
        byte[] more = WireFrames.drainOutbound(channel);
        byte[] all = Arrays.copyOf(unreadOutput, unreadOutput.length + more.length);
        System.arraycopy(more, 0, all, unreadOutput.length, more.length);
        unreadOutput = all;
    }

    @Override
    public void close() {
        for (Object msg; (msg = received.poll()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
        channel.finishAndReleaseAll();
    }
}
