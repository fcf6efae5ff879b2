package io.github.wsline.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;

/** One read into a server pipeline on an {@link EmbeddedChannel}, as a socket hands it over, and what it writes back. */
final class EmbeddedExchange {
    private EmbeddedExchange() {
    }

    /** Delivers {@code read} in a fresh pooled direct buffer and returns the number of bytes written back. */
    static long exchange(EmbeddedChannel channel, byte[] read) {
        channel.writeInbound(PooledByteBufAllocator.DEFAULT.directBuffer(read.length).writeBytes(read));
        return drain(channel);
    }

    /** Releases everything the channel has written; returns its size in bytes. */
    static long drain(EmbeddedChannel channel) {
        long bytes = 0;
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }
}
