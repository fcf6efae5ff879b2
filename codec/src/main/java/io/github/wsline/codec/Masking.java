package io.github.wsline.codec;

import io.netty.buffer.ByteBuf;

/** The XOR masking of RFC 6455 §5.3, applied in place; the same operation masks and unmasks. */
final class Masking {
    private Masking() {
    }

    /**
     * XORs {@code length} bytes from {@code index} with the masking key, the first of them being payload byte number
     * {@code payloadOffset} (so a payload can be unmasked in pieces as it arrives).
     */
    static void apply(ByteBuf buf, int index, int length, int maskKey, long payloadOffset) {
        // Byte j of the payload is XORed with key byte (j mod 4); rotate so key byte 0 lines up with `index`.
        int key = Integer.rotateLeft(maskKey, 8 * (int) (payloadOffset & 3));
        long key64 = ((long) key << 32) | (key & 0xFFFFFFFFL);
        int i = index;
        int end = index + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            buf.setLong(i, buf.getLong(i) ^ key64);
        }
        for (int shift = 24; i < end; i++, shift -= 8) {
            buf.setByte(i, buf.getByte(i) ^ (key >>> shift));
        }
    }
}
