package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;
import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.randomBytes;
import static io.github.wsline.codec.CodecTestSupport.referenceMask;
import static io.github.wsline.codec.CodecTestSupport.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.codec.internal.Masking;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {
    /** The masking key of the examples in RFC 6455 §5.7. */
    private static final int RFC_KEY = 0x37fa213d;

    @Test
    void masksHelloAsInTheRfcExample() {
        byte[] hello = bytes("48 65 6c 6c 6f"); // "Hello"
        Masking.apply(Unpooled.wrappedBuffer(hello), 0, hello.length, RFC_KEY, 0);
        assertEquals("7f9f4d5158", hex(hello)); // the masked payload of RFC 6455 §5.7
    }

    @Test
    void applyingTwiceRestoresTheInput() {
        long seed = seed();
        Random random = new Random(seed);
        byte[] original = randomBytes(random, 1000);
        byte[] bytes = original.clone();
        int key = random.nextInt();
        Masking.apply(Unpooled.wrappedBuffer(bytes), 0, bytes.length, key, 0);
        Masking.apply(Unpooled.wrappedBuffer(bytes), 0, bytes.length, key, 0);
        assertArrayEquals(original, bytes, "seed " + seed);
    }

    /** Every length up to five words, lengths around 128, and a long run with a tail. */
    private static final int[] LENGTHS = IntStream.concat(IntStream.concat(IntStream.rangeClosed(0, 40),
            IntStream.rangeClosed(120, 140)), IntStream.of(1001)).toArray();

    @ParameterizedTest(name = "payloadOffset {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void agreesWithTheReferenceMaskForEveryLengthAndBufferIndex(int payloadOffset) {
        long seed = seed();
        Random random = new Random(seed);
        List<String> mismatches = new ArrayList<>();
        for (BufferKind kind : BufferKind.values()) {
            for (int index : new int[] {0, 1, 3, 8, 13}) {
                for (int length : LENGTHS) {
                    byte[] original = randomBytes(random, index + length + 5); // 5 bytes after the range, untouched
                    int key = random.nextInt();
                    ByteBuf buf = kind.copyOf(original);
                    try {
                        Masking.apply(buf, index, length, key, payloadOffset);
                        if (!ByteBufUtil.hexDump(buf).equals(hex(referenceMask(original, index, length, key, payloadOffset)))) {
                            mismatches.add(kind + " index " + index + " length " + length + " key " + Integer.toHexString(key));
                        }
                    } finally {
                        buf.release();
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches, "seed " + seed);
    }

    /** The buffers a decoder meets: heap and direct, pooled or not, and a composite of two pieces of memory. */
    private enum BufferKind {
        HEAP, DIRECT, POOLED_DIRECT, COMPOSITE;

        ByteBuf copyOf(byte[] bytes) {
            switch (this) {
                case HEAP:
                    return Unpooled.buffer(bytes.length).writeBytes(bytes);
                case DIRECT:
                    return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
                case POOLED_DIRECT:
                    return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
                default:
                    int half = bytes.length / 2;
                    return Unpooled.wrappedBuffer(Unpooled.copiedBuffer(bytes, 0, half),
                            Unpooled.directBuffer(bytes.length - half).writeBytes(bytes, half, bytes.length - half));
            }
        }
    }

    @Test
    void agreesWithTheReferenceMaskOnADirectBuffer() {
        byte[] original = bytes("00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 01 02 03"); // 19 bytes
        ByteBuf direct = Unpooled.directBuffer(original.length).writeBytes(original);
        try {
            Masking.apply(direct, 2, 15, RFC_KEY, 1);
            assertEquals(hex(referenceMask(original, 2, 15, RFC_KEY, 1)), ByteBufUtil.hexDump(direct));
        } finally {
            direct.release();
        }
    }

    @Test
    void payloadOffsetBeyondIntRangeCountsModuloFour() {
        byte[] atOffset3 = bytes("48 65 6c 6c 6f");
        byte[] atLargeOffset = atOffset3.clone();
        Masking.apply(Unpooled.wrappedBuffer(atOffset3), 0, 5, RFC_KEY, 3);
        Masking.apply(Unpooled.wrappedBuffer(atLargeOffset), 0, 5, RFC_KEY, (1L << 40) + 3);
        assertArrayEquals(atOffset3, atLargeOffset);
    }

    @Test
    void unmaskingInRandomPiecesEqualsUnmaskingAtOnce() {
        long seed = seed();
        Random random = new Random(seed);
        for (int trial = 0; trial < 500; trial++) {
            byte[] masked = randomBytes(random, random.nextInt(300));
            int key = random.nextInt();
            byte[] atOnce = masked.clone();
            Masking.apply(Unpooled.wrappedBuffer(atOnce), 0, atOnce.length, key, 0);

            byte[] inPieces = masked.clone();
            ByteBuf buf = Unpooled.wrappedBuffer(inPieces);
            for (int offset = 0; offset < inPieces.length; ) {
                int piece = Math.min(1 + random.nextInt(20), inPieces.length - offset);
                Masking.apply(buf, offset, piece, key, offset);
                offset += piece;
            }
            int t = trial;
            assertArrayEquals(atOnce, inPieces, () -> "seed " + seed + ", trial " + t);
        }
    }

    @Test
    void refusesToWriteIntoAReadOnlyBufferAndLeavesItAlone() {
        byte[] hello = bytes("48 65 6c 6c 6f");
        ByteBuf direct = Unpooled.directBuffer(5).writeBytes(hello);
        try {
            for (ByteBuf readOnly : List.of(Unpooled.wrappedBuffer(hello.clone()).asReadOnly(), direct.asReadOnly())) {
                assertThrows(ReadOnlyBufferException.class, () -> Masking.apply(readOnly, 0, 5, RFC_KEY, 0));
                assertEquals("48656c6c6f", ByteBufUtil.hexDump(readOnly));
            }
        } finally {
            direct.release();
        }
    }

    @Test
    void refusesARangeOutsideTheBuffer() {
        ByteBuf buf = Unpooled.buffer(8).writeZero(8);
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.apply(buf, 4, 5, RFC_KEY, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.apply(buf, -1, 2, RFC_KEY, 0));
    }
}
