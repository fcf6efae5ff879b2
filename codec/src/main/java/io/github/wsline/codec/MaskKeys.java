package io.github.wsline.codec;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Masking keys for client frames, from a {@link SecureRandom} as RFC 6455 §5.3 requires ("derived from a strong source
 * of entropy"), drawn a batch at a time per thread: one {@code SecureRandom} call per {@value #BATCH} frames instead of
 * one per frame, which dominated the cost of encoding small client frames.
 */
final class MaskKeys {
    private static final int BATCH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final FastThreadLocal<MaskKeys> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected MaskKeys initialValue() {
            return new MaskKeys();
        }
    };

    private final byte[] bytes = new byte[BATCH * Integer.BYTES];
    private final ByteBuffer keys = ByteBuffer.wrap(bytes).position(bytes.length);

    private MaskKeys() {
    }

    /** A fresh key for the calling thread. */
    static int next() {
        return PER_THREAD.get().nextKey();
    }

    private int nextKey() {
        if (!keys.hasRemaining()) {
            RANDOM.nextBytes(bytes);
            keys.clear();
        }
        return keys.getInt();
    }
}
