package io.github.wsline.codec;

import io.netty.buffer.ByteBuf;

/**
 * Incremental UTF-8 validation (RFC 3629 §4, Unicode Table 3-7): bytes may arrive in any pieces, and an invalid
 * sequence is reported at the first byte that makes it invalid, so a Text message fails fast (RFC 6455 §8.1).
 * Rejects overlongs, surrogates (U+D800-U+DFFF) and code points above U+10FFFF.
 */
final class Utf8Validator {
    private static final int ACCEPT = 0;
    /** Expecting 1, 2 or 3 more continuation bytes in 80..BF; the state is their number. */
    private static final int TAIL1 = 1;
    private static final int TAIL2 = 2;
    private static final int TAIL3 = 3;
    /** After E0: A0..BF, no overlong 3-byte forms. */
    private static final int AFTER_E0 = 4;
    /** After ED: 80..9F, no surrogates. */
    private static final int AFTER_ED = 5;
    /** After F0: 90..BF, no overlong 4-byte forms. */
    private static final int AFTER_F0 = 6;
    /** After F4: 80..8F, nothing above U+10FFFF. */
    private static final int AFTER_F4 = 7;
    private static final int REJECT = 8;

    private static final long ASCII_MASK = 0x8080808080808080L;

    private int state = ACCEPT;

    /** Feeds {@code length} bytes from {@code index}; false once the bytes so far cannot begin valid UTF-8. */
    boolean update(ByteBuf buf, int index, int length) {
        int state = this.state;
        int end = index + length;
        int i = index;
        while (i < end && state != REJECT) {
            if (state == ACCEPT) {
                while (i + Long.BYTES <= end && (buf.getLong(i) & ASCII_MASK) == 0) {
                    i += Long.BYTES;
                }
                if (i == end) {
                    break;
                }
            }
            state = next(state, buf.getUnsignedByte(i++));
        }
        this.state = state;
        return state != REJECT;
    }

    /** True when the bytes so far end on a character boundary. */
    boolean isComplete() {
        return state == ACCEPT;
    }

    void reset() {
        state = ACCEPT;
    }

    static boolean isValid(ByteBuf buf, int index, int length) {
        Utf8Validator validator = new Utf8Validator();
        return validator.update(buf, index, length) && validator.isComplete();
    }

    private static int next(int state, int b) {
        switch (state) {
            case ACCEPT:
                return afterLeadByte(b);
            case TAIL1:
            case TAIL2:
            case TAIL3:
                return inRange(b, 0x80, 0xBF) ? state - 1 : REJECT;
            case AFTER_E0:
                return inRange(b, 0xA0, 0xBF) ? TAIL1 : REJECT;
            case AFTER_ED:
                return inRange(b, 0x80, 0x9F) ? TAIL1 : REJECT;
            case AFTER_F0:
                return inRange(b, 0x90, 0xBF) ? TAIL2 : REJECT;
            case AFTER_F4:
                return inRange(b, 0x80, 0x8F) ? TAIL2 : REJECT;
            default:
                return REJECT;
        }
    }

    private static int afterLeadByte(int b) {
        if (b < 0x80) {
            return ACCEPT;
        } else if (b < 0xC2) {
            return REJECT; // a continuation byte, or C0/C1 (overlong 2-byte forms)
        } else if (b < 0xE0) {
            return TAIL1;
        } else if (b == 0xE0) {
            return AFTER_E0;
        } else if (b == 0xED) {
            return AFTER_ED;
        } else if (b < 0xF0) {
            return TAIL2;
        } else if (b == 0xF0) {
            return AFTER_F0;
        } else if (b < 0xF4) {
            return TAIL3;
        } else if (b == 0xF4) {
            return AFTER_F4;
        }
        return REJECT; // F5..FF never appear in UTF-8
    }

    private static boolean inRange(int b, int low, int high) {
        return b >= low && b <= high;
    }
}
