package io.github.wsline.codec;

import static io.github.wsline.codec.PerMessageDeflate.EMPTY_STORED_BLOCK;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import java.util.zip.Deflater;

/**
 * The compressing half of permessage-deflate for one connection (RFC 7692 §7.2.1): raw DEFLATE with the JDK's
 * {@link Deflater}, each fragment ending in a sync flush, and the empty stored block that closes the last one
 * ({@code 00 00 ff ff}) left off. The {@code Deflater} is created for the first message; without context takeover
 * it is ended at the end of each message, so that an idle connection holds no native memory; {@link #close()} ends
 * it for good.
 */
final class MessageCompressor {
    /** Output space asked for at least, each time the output buffer is full. */
    private static final int MIN_WRITABLE = 256;
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);

    private final boolean noContextTakeover;
    private final Supplier<Deflater> deflaters;
    private Deflater deflater;
    private boolean closed;

    MessageCompressor(boolean noContextTakeover, Supplier<Deflater> deflaters) {
        this.noContextTakeover = noContextTakeover;
        this.deflaters = deflaters;
    }

    /** Compresses a whole message with a {@code Deflater} of its own, as without context takeover. */
    static ByteBuf compressMessage(ByteBufAllocator alloc, ByteBuf payload, int level) {
        return new MessageCompressor(true, () -> new Deflater(level, true)).compress(alloc, payload, true);
    }

    /**
     * Compresses the payload of one fragment; after the last fragment of a message the trailing empty stored block is
     * left off. Does not touch the payload's reader index or reference count; the caller owns the result.
     */
    ByteBuf compress(ByteBufAllocator alloc, ByteBuf payload, boolean endOfMessage) {
        if (closed) {
            throw new IllegalStateException("The compressor is closed.");
        }
        if (deflater == null) {
            deflater = deflaters.get();
        }
        ByteBuf out = alloc.heapBuffer(payload.readableBytes() / 2 + MIN_WRITABLE);
        boolean done = false;
        try {
            for (ByteBuffer input : payload.nioBuffers()) {
                deflate(input, Deflater.NO_FLUSH, out);
            }
            deflate(NO_INPUT, Deflater.SYNC_FLUSH, out);
            if (endOfMessage) {
                leaveOffEmptyStoredBlock(out);
                if (noContextTakeover) {
                    endDeflater();
                }
            }
            done = true;
            return out;
        } finally {
            if (!done) {
                out.release();
                endDeflater(); // its stream is broken; the next message starts a new one
            }
        }
    }

    /** Ends the {@code Deflater}, freeing its native memory; nothing can be compressed afterwards. */
    void close() {
        closed = true;
        endDeflater();
    }

    private void deflate(ByteBuffer input, int flush, ByteBuf out) {
        deflater.setInput(input);
        while (true) {
            out.ensureWritable(MIN_WRITABLE);
            int space = out.writableBytes();
            int written = deflater.deflate(out.nioBuffer(out.writerIndex(), space), flush);
            out.writerIndex(out.writerIndex() + written);
            // Output space left over means the input is consumed and, for a flush, all of it written (Deflater docs).
            if (written < space && deflater.needsInput()) {
                return;
            }
        }
    }

    /**
     * §7.2.1: the compressed message ends with an empty stored block, "Remove 4 octets (that are 0x00 0x00 0xff 0xff)
     * from the tail end"; the block's header bits stay in the last octet. When the last fragment brings nothing new,
     * zlib flushes nothing (the previous fragment's flush stands): its payload is then the one octet 00, the header of
     * an empty stored block, which the 4 octets the receiver appends complete.
     */
    private static void leaveOffEmptyStoredBlock(ByteBuf out) {
        if (!out.isReadable()) {
            out.writeByte(0); // nothing new since the last flush
            return;
        }
        int tail = out.writerIndex() - EMPTY_STORED_BLOCK.length;
        for (int i = 0; i < EMPTY_STORED_BLOCK.length; i++) {
            if (tail < out.readerIndex() || out.getByte(tail + i) != EMPTY_STORED_BLOCK[i]) {
                throw new IllegalStateException("A sync flush did not end with an empty stored block.");
            }
        }
        out.writerIndex(tail);
    }

    private void endDeflater() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}
