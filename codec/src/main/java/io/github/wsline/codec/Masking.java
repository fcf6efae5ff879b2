package io.github.wsline.codec;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The XOR masking of RFC 6455 §5.3, applied in place; the same operation masks and unmasks. */
final class Masking {
    /**
     * Eight bytes at a time in the machine's own byte order, through a {@link ByteBuffer} view of the buffer's
     * memory: the JIT hoists this view's bounds checks out of the loop, which it cannot do for the reference count
     * and index checks of every {@link ByteBuf#getLong} call.
     */
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** Below this many bytes, finding the buffer's memory costs more than the view saves (measured with JMH). */
    private static final int VIEW_THRESHOLD = 128;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private Masking() {
    }

    /**
     * XORs {@code length} bytes from {@code index} with the masking key, the first of them being payload byte number
     * {@code payloadOffset} (so a payload can be unmasked in pieces as it arrives).
     */
    static void apply(ByteBuf buf, int index, int length, int maskKey, long payloadOffset) {
        if (length == 0) {
            return;
        }
        // Byte j of the payload is XORed with key byte (j mod 4); rotate so key byte 0 lines up with `index`.
        int key = Integer.rotateLeft(maskKey, 8 * (int) (payloadOffset & 3));
        if (length >= VIEW_THRESHOLD && buf.nioBufferCount() == 1) {
            ByteBuffer memory = buf.internalNioBuffer(index, length);
            apply(memory, memory.position(), memory.limit(), key);
        } else {
            apply(buf, index, index + length, key);
        }
    }

    private static void apply(ByteBuffer memory, int start, int end, int key) {
        long keyBigEndian = ((long) key << 32) | (key & 0xFFFFFFFFL);
        long key64 = LITTLE_ENDIAN ? Long.reverseBytes(keyBigEndian) : keyBigEndian;
        int i = start;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            LONGS.set(memory, i, (long) LONGS.get(memory, i) ^ key64);
        }
        for (; i < end; i++) {
            memory.put(i, (byte) (memory.get(i) ^ keyByte(key, i - start)));
        }
    }

    /** Short payloads, where setting up the view costs more than it saves, and composite buffers. */
    private static void apply(ByteBuf buf, int start, int end, int key) {
        long key64 = ((long) key << 32) | (key & 0xFFFFFFFFL);
        int i = start;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            buf.setLong(i, buf.getLong(i) ^ key64);
        }
        for (; i < end; i++) {
            buf.setByte(i, buf.getByte(i) ^ keyByte(key, i - start));
        }
    }

    /** The key byte that masks byte {@code j} of a run that starts at key byte 0. */
    private static int keyByte(int key, int j) {
        return key >>> (24 - 8 * (j & 3));
    }
}
