package io.github.wsline.codec;

import static io.github.wsline.codec.PerMessageDeflate.EMPTY_STORED_BLOCK;
import static io.github.wsline.codec.WebSocketProtocol.invalidUtf8;
import static io.github.wsline.codec.WebSocketProtocol.messageTooBig;
import static io.github.wsline.codec.WebSocketProtocol.protocolError;
import static io.github.wsline.codec.WebSocketProtocol.unfinishedUtf8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The inflating half of permessage-deflate for one connection (RFC 7692 §7.2.2): raw DEFLATE with the JDK's
 * {@link Inflater}, the empty stored block the sender left off ({@code 00 00 ff ff}) appended after a message's last
 * fragment.
 *
 * <p>Output is produced at most {@value #MAX_STEP} bytes at a time, and never more than one byte past what the
 * message may still grow by: a message that inflates past the limit is refused with 1009 after at most
 * {@code limit + 1} bytes of output, whatever it would have inflated to, so a decompression bomb costs bounded memory
 * and time.
 *
 * <p>The {@code Inflater} is created for the first compressed message; without context takeover it is ended at the
 * end of each message, so that an idle connection holds no native memory; {@link #close()} ends it for good.
 */
final class MessageDecompressor {
    /** The most output one call of {@link Inflater#inflate(ByteBuffer)} may produce. */
    static final int MAX_STEP = 64 * 1024;
    private static final int MIN_CAPACITY = 64;

    private final boolean noContextTakeover;
    private final long maxMessageSize;
    private final Supplier<Inflater> inflaters;
    private Inflater inflater;
    /** Bytes inflated so far from the fragments of the current message. */
    private long messageSize;
    private boolean closed;

    MessageDecompressor(boolean noContextTakeover, long maxMessageSize, Supplier<Inflater> inflaters) {
        this.noContextTakeover = noContextTakeover;
        this.maxMessageSize = maxMessageSize;
        this.inflaters = inflaters;
    }

    /**
     * Inflates the payload of one fragment of a compressed message. Refuses the message with 1009 once its inflated
     * fragments together pass the maximum message size; feeds the output of a Text message to {@code utf8} (null for
     * Binary), refusing it with 1007 at the first invalid byte or when it ends inside a character. Does not touch the
     * payload's reader index or reference count; the caller owns the result.
     */
    ByteBuf decompress(ByteBufAllocator alloc, ByteBuf payload, boolean endOfMessage, Utf8Validator utf8)
            throws CorruptedWebSocketFrameException {
        if (closed) {
            throw new IllegalStateException("The decompressor is closed.");
        }
        if (inflater == null) {
            inflater = inflaters.get();
        }
        long allowance = maxMessageSize - messageSize;
        int maxCapacity = (int) Math.min(Integer.MAX_VALUE, allowance + 1);
        long guess = Math.min(MAX_STEP, 4L * payload.readableBytes() + MIN_CAPACITY);
        int initialCapacity = (int) Math.min(maxCapacity, guess);
        ByteBuf out = alloc.heapBuffer(initialCapacity, maxCapacity);
        boolean done = false;
        try {
            for (ByteBuffer input : payload.nioBuffers()) {
                inflate(input, out, allowance, utf8);
            }
            if (endOfMessage) {
                inflate(ByteBuffer.wrap(EMPTY_STORED_BLOCK), out, allowance, utf8);
                if (utf8 != null && !utf8.isComplete()) {
                    throw unfinishedUtf8();
                }
                endMessage();
            } else {
                messageSize += out.readableBytes();
            }
            done = true;
            return out;
        } finally {
            if (!done) {
                out.release();
                messageSize = 0;
                endInflater();
            }
        }
    }

    /** Ends the {@code Inflater}, freeing its native memory; nothing can be inflated afterwards. */
    void close() {
        closed = true;
        endInflater();
    }

    private void inflate(ByteBuffer input, ByteBuf out, long allowance, Utf8Validator utf8)
            throws CorruptedWebSocketFrameException {
        if (inflater.finished()) {
            return; // after a block with BFINAL set (§7.2.3.3's example has a byte after it): nothing more to inflate
        }
        inflater.setInput(input);
        while (true) {
            if (!out.isWritable()) {
                out.ensureWritable(Math.min(Math.min(out.capacity(), MAX_STEP), out.maxWritableBytes()));
            }
            int step = Math.min(out.writableBytes(), MAX_STEP);
            int written = inflateSome(out, step);
            if (utf8 != null && !utf8.update(out, out.writerIndex(), written)) {
                throw invalidUtf8();
            }
            out.writerIndex(out.writerIndex() + written);
            if (out.readableBytes() > allowance) {
                throw messageTooBig(maxMessageSize);
            }
            if (written < step && (inflater.needsInput() || inflater.finished())) {
                return;
            }
            if (written == 0 && !inflater.needsInput() && !inflater.finished()) {
                throw invalidData(); // asks for a dictionary, which raw DEFLATE has not
            }
        }
    }

    private int inflateSome(ByteBuf out, int step) throws CorruptedWebSocketFrameException {
        try {
            return inflater.inflate(out.nioBuffer(out.writerIndex(), step));
        } catch (DataFormatException e) {
            throw invalidData();
        }
    }

    private static CorruptedWebSocketFrameException invalidData() {
        return protocolError("Invalid compressed data.");
    }

    /** A stream that ended with BFINAL cannot go on: the next message starts a new one, as without context takeover. */
    private void endMessage() {
        messageSize = 0;
        if (noContextTakeover) {
            endInflater();
        } else if (inflater.finished()) {
            inflater.reset();
        }
    }

    private void endInflater() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
