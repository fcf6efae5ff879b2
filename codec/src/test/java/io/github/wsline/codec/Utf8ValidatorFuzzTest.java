package io.github.wsline.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.wsline.testsupport.FuzzInput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz target: {@link Utf8Validator} agrees with the JDK's strict UTF-8 decoder on every input, whole, one byte at a
 * time and in pieces, and rejects an invalid input at exactly the first byte that no continuation could make valid.
 *
 * <p>The input is a {@link FuzzInput}: a first byte whose low 5 bits give the piece size (0 = whole), then the bytes
 * to validate. The bytes sit inside a larger buffer, between bytes that would make them invalid if the validator read
 * outside the range it was given.
 */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD) // per input; see FrameDecoderFuzzTest
class Utf8ValidatorFuzzTest {
    private static final int PADDING = 9;

    @FuzzTest
    void agreesWithJdkDecoder(byte[] data) {
        FuzzInput input = FuzzInput.of(data);
        byte[] bytes = input.wire();
        Reference expected = Reference.of(bytes);
        byte[] padded = new byte[PADDING + bytes.length + PADDING];
        Arrays.fill(padded, (byte) 0xFF);
        System.arraycopy(bytes, 0, padded, PADDING, bytes.length);
        ByteBuf buf = Unpooled.wrappedBuffer(padded);
        try {
            String context = "input " + HexFormat.of().formatHex(bytes) + ", JDK: " + expected;
            check(Utf8Validator.isValid(buf, PADDING, bytes.length) == expected.valid, "isValid", context);
            checkWhole(buf, bytes.length, expected, context);
            checkByteByByte(buf, bytes.length, expected, context);
            checkInPieces(buf, bytes.length, Math.max(input.readSize(), 1), expected, context);
        } finally {
            buf.release();
        }
    }

    private static void checkWhole(ByteBuf buf, int length, Reference expected, String context) {
        Utf8Validator validator = new Utf8Validator();
        for (int round = 0; round < 2; round++) { // the second round after reset() must decide the same
            boolean accepted = validator.update(buf, PADDING, length);
            check(accepted == (expected.firstBadByte < 0), "update(whole)", context);
            check((accepted && validator.isComplete()) == expected.valid, "isComplete(whole)", context);
            validator.reset();
        }
    }

    private static void checkByteByByte(ByteBuf buf, int length, Reference expected, String context) {
        Utf8Validator validator = new Utf8Validator();
        int rejectedAt = -1;
        for (int i = 0; i < length; i++) {
            boolean accepted = validator.update(buf, PADDING + i, 1);
            if (!accepted && rejectedAt < 0) {
                rejectedAt = i;
            }
            check(accepted == (rejectedAt < 0), "update after a rejection, byte " + i, context);
        }
        check(rejectedAt == expected.firstBadByte, "rejected at byte " + rejectedAt, context);
        if (rejectedAt < 0) {
            check(validator.isComplete() == expected.valid, "isComplete(byte by byte)", context);
        }
    }

    private static void checkInPieces(ByteBuf buf, int length, int pieceSize, Reference expected, String context) {
        Utf8Validator validator = new Utf8Validator();
        boolean accepted = true;
        for (int offset = 0; offset < length; offset += pieceSize) {
            int count = Math.min(pieceSize, length - offset);
            boolean acceptedPiece = validator.update(buf, PADDING + offset, count);
            boolean badByteInPiece = expected.firstBadByte >= 0 && expected.firstBadByte < offset + count;
            check(acceptedPiece == !badByteInPiece, "update(piece at " + offset + " of " + count + ")", context);
            accepted &= acceptedPiece;
        }
        check((accepted && validator.isComplete()) == expected.valid, "pieces of " + pieceSize, context);
    }

    private static void check(boolean condition, String what, String context) {
        if (!condition) {
            throw new AssertionError("Utf8Validator disagrees with the JDK: " + what + "; " + context);
        }
    }

    /**
     * What the JDK's decoder says about the bytes: whether they are valid UTF-8, and if not, the first byte after
     * which no continuation could make them valid (-1 when they are only cut short at the end).
     */
    private record Reference(boolean valid, int firstBadByte) {
        private static final int MAX_SEQUENCE = 4;

        static Reference of(byte[] bytes) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (!decoder.decode(in, CharBuffer.allocate(bytes.length), true).isError()) {
                return new Reference(true, -1);
            }
            int start = in.position(); // every character before it is whole and valid
            for (int end = start + 1; end <= Math.min(bytes.length, start + MAX_SEQUENCE); end++) {
                if (!canBeContinued(decoder, Arrays.copyOfRange(bytes, start, end))) {
                    return new Reference(false, end - 1);
                }
            }
            return new Reference(false, -1);
        }

        /**
         * Whether some bytes appended to {@code prefix} (the start of one sequence) make it one valid character.
         * After a lead byte, only the second byte's range depends on the lead (RFC 3629 §4), so trying every
         * continuation byte there, and 80 for the rest, is enough.
         */
        private static boolean canBeContinued(CharsetDecoder decoder, byte[] prefix) {
            if (prefix.length == 1) {
                for (int second = 0x80; second <= 0xBF; second++) {
                    if (someLengthIsValid(decoder, new byte[] {prefix[0], (byte) second})) {
                        return true;
                    }
                }
            }
            return someLengthIsValid(decoder, prefix);
        }

        /** Whether {@code start} followed by zero or more 80 bytes, up to 4 in all, is exactly one valid character. */
        private static boolean someLengthIsValid(CharsetDecoder decoder, byte[] start) {
            for (int length = start.length; length <= MAX_SEQUENCE; length++) {
                byte[] candidate = Arrays.copyOf(start, length);
                Arrays.fill(candidate, start.length, length, (byte) 0x80);
                CharBuffer out = CharBuffer.allocate(MAX_SEQUENCE);
                CoderResult result = decoder.reset().decode(ByteBuffer.wrap(candidate), out, true);
                if (!result.isError() && isOneCodePoint(out.flip())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isOneCodePoint(CharBuffer decoded) {
            return decoded.hasRemaining()
                    && Character.charCount(Character.codePointAt(decoded, 0)) == decoded.remaining();
        }
    }
}
