package io.github.wsline.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kit's end of the TCP connection to the pipeline under test, on its embedded socket: bytes in, in reads
 * of at most the chunk size; bytes out, exactly as the pipeline's last encoder wrote them.
 */
final class ChannelWire {
    final EmbeddedSocketChannel channel;
    private int chunkSize = Integer.MAX_VALUE;

    /**
     * @param channel the channel of the pipeline under test
     */
    ChannelWire(EmbeddedSocketChannel channel) {
        this.channel = channel;
    }

    void chunkSize(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + bytes);
        }
        this.chunkSize = bytes;
    }

    /**
     * Delivers bytes to the pipeline, in reads of at most the chunk size; stops when it closed the connection. An
     * exception that reaches the end of the pipeline fails the test, as a bug of the pipeline, unless the pipeline
     * already ended the connection over it: Netty's own frame decoder answers a protocol violation with a Close, closes,
     * and fires the exception too, which a real server only logs.
     */
    void deliver(byte[] bytes) {
        for (int offset = 0; offset < bytes.length && isReading(); offset += chunkSize) {
            int length = Math.min(chunkSize, bytes.length - offset);
            try {
                channel.writeInbound(Unpooled.copiedBuffer(bytes, offset, length)); // fresh: decoders unmask in place
            } catch (RuntimeException e) {
                if (!ended()) {
                    throw e;
                }
            }
        }
    }

    /** What the pipeline wrote since the last call, as bytes (the channel lets nothing else through). */
    List<ByteBuf> drainWritten() {
        channel.runPendingTasks();
        List<ByteBuf> written = new ArrayList<>();
        for (ByteBuf bytes; (bytes = channel.readOutbound()) != null; ) {
            written.add(bytes);
        }
        return written;
    }

    /**
     * {@return whether the pipeline ended its side of the connection} By closing the channel, or by shutting down its
     * output (a half-close: the peer then reads the end of the stream, as after a close).
     */
    boolean ended() {
        return !channel.isOpen() || channel.isOutputShutdown();
    }

    /** Ends the kit's side too, as a peer does once it read the end of the stream: the pipeline sees the FIN. */
    void endOurSide() {
        channel.peerShutdownOutput();
    }

    /** Moves the pipeline's frozen clock forward and runs what became due. */
    void advanceTime(long nanos) {
        channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private boolean isReading() {
        return channel.isOpen() && !channel.isInputShutdown();
    }
}
