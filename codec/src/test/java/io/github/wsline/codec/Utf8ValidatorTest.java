package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;
import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.randomBytes;
import static io.github.wsline.codec.CodecTestSupport.randomCodePoint;
import static io.github.wsline.codec.CodecTestSupport.seed;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.WireFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {
    /** Bytes at the edges of the ranges of Unicode Table 3-7, for mutating valid input. */
    private static final byte[] EDGE_BYTES =
            bytes("00 7F 80 8F 90 9F A0 BF C0 C1 C2 DF E0 E1 EC ED EE EF F0 F1 F3 F4 F5 FF");

    // --- Whole sequences --------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                               | empty input
            00                               | U+0000, the smallest 1-byte character
            7F                               | U+007F, the largest 1-byte character
            C2 80                            | U+0080, the smallest 2-byte character
            DF BF                            | U+07FF, the largest 2-byte character
            E0 A0 80                         | U+0800, the smallest 3-byte character
            ED 9F BF                         | U+D7FF, just below the surrogates
            EE 80 80                         | U+E000, just above the surrogates
            EF BF BF                         | U+FFFF, the largest 3-byte character
            F0 90 80 80                      | U+10000, the smallest 4-byte character
            F4 8F BF BF                      | U+10FFFF, the largest code point
            CE BA E1 BD B9 CF 83 CE BC CE B5 | kosme in Greek, 2- and 3-byte characters
            48 65 6C 6C 6F 2D F0 9F 98 80    | Hello-, then U+1F600 (a 4-byte emoji)
            """)
    void validSequenceIsAccepted(String hex, String what) {
        assertTrue(isValid(bytes(hex)));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            80                | 0 | lone continuation byte 80
            BF                | 0 | lone continuation byte BF
            41 80             | 1 | continuation byte after ASCII
            C0 80             | 0 | overlong U+0000 in 2 bytes (C0 never appears)
            C1 BF             | 0 | overlong U+007F in 2 bytes (C1 never appears)
            E0 80 80          | 1 | overlong U+0000 in 3 bytes
            E0 9F BF          | 1 | overlong U+07FF in 3 bytes
            F0 80 80 80       | 1 | overlong U+0000 in 4 bytes
            F0 8F BF BF       | 1 | overlong U+FFFF in 4 bytes
            ED A0 80          | 1 | U+D800, the first surrogate
            ED BF BF          | 1 | U+DFFF, the last surrogate
            F4 90 80 80       | 1 | U+110000, above the largest code point
            F5 80 80 80       | 0 | lead byte F5, only ever above U+10FFFF
            F8 88 80 80 80    | 0 | a 5-byte form
            FC 84 80 80 80 80 | 0 | a 6-byte form
            FE                | 0 | FE never appears
            FF                | 0 | FF never appears
            C2 41             | 1 | 2-byte sequence cut short by ASCII
            E1 80 41          | 2 | 3-byte sequence cut short by ASCII
            F1 80 80 C2 80    | 3 | 4-byte sequence cut short by a lead byte
            C2 C2 80          | 1 | lead byte where a continuation is due
            """)
    void invalidSequenceIsRejected(String hex, int badIndex, String what) {
        assertFalse(isValid(bytes(hex)));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            C0 80             | 0 | overlong U+0000 in 2 bytes
            E0 9F BF          | 1 | overlong U+07FF in 3 bytes
            F0 8F BF BF       | 1 | overlong U+FFFF in 4 bytes
            ED A0 80          | 1 | U+D800, the first surrogate
            F4 90 80 80       | 1 | U+110000, above the largest code point
            E1 80 41          | 2 | 3-byte sequence cut short by ASCII
            F1 80 80 C2 80    | 3 | 4-byte sequence cut short by a lead byte
            41 42 43 44 45 FF | 5 | FF after ASCII
            """)
    void invalidSequenceIsReportedAtTheByteThatMakesItInvalid(String hex, int badIndex, String what) {
        assertEquals(badIndex, indexOfRejection(bytes(hex)));
    }

    @Test
    void leadBytesC0C1AndF5ToFFAreRejectedWhateverFollows() {
        List<String> accepted = new ArrayList<>();
        for (int lead : new int[] {0xC0, 0xC1, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF}) {
            byte[] sequence = {(byte) lead, (byte) 0x80, (byte) 0x80, (byte) 0x80};
            if (isValid(sequence) || indexOfRejection(sequence) != 0) {
                accepted.add(Integer.toHexString(lead));
            }
        }
        assertEquals(List.of(), accepted);
    }

    @Test
    void rejectionIsSticky() {
        Utf8Validator validator = new Utf8Validator();
        validator.update(buffer(bytes("FF")), 0, 1);
        assertFalse(validator.update(buffer(bytes("41 42 43")), 0, 3));
    }

    @Test
    void resetForgetsARejection() {
        Utf8Validator validator = new Utf8Validator();
        validator.update(buffer(bytes("FF")), 0, 1);
        validator.reset();
        assertTrue(validator.update(buffer(bytes("41")), 0, 1) && validator.isComplete());
    }

    @Test
    void resetForgetsAPartialSequence() {
        Utf8Validator validator = new Utf8Validator();
        validator.update(buffer(bytes("E2 82")), 0, 2); // the first two bytes of U+20AC
        validator.reset();
        assertTrue(validator.isComplete());
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        ByteBuf buf = buffer(bytes("FF C3 A9 FF")); // invalid bytes around U+00E9
        assertTrue(Utf8Validator.isValid(buf, 1, 2));
    }

    // --- Sequences that end early -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', textBlock = """
            C2       | 80       | U+0080 cut after its lead byte
            E0 A0    | 80       | U+0800 cut before its last byte
            E1       | 80 80    | U+1000 cut after its lead byte
            ED 9F    | BF       | U+D7FF cut before its last byte
            F0 90 80 | 80       | U+10000 cut before its last byte
            F4       | 8F BF BF | U+10FFFF cut after its lead byte
            F4 8F BF | BF       | U+10FFFF cut before its last byte
            """)
    void truncatedSequenceIsNotRejected(String head, String tail, String what) {
        assertTrue(new Utf8Validator().update(buffer(bytes(head)), 0, bytes(head).length));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', textBlock = """
            C2       | 80       | U+0080 cut after its lead byte
            E0 A0    | 80       | U+0800 cut before its last byte
            F0 90 80 | 80       | U+10000 cut before its last byte
            F4       | 8F BF BF | U+10FFFF cut after its lead byte
            """)
    void truncatedSequenceIsIncomplete(String head, String tail, String what) {
        Utf8Validator validator = new Utf8Validator();
        validator.update(buffer(bytes(head)), 0, bytes(head).length);
        assertFalse(validator.isComplete());
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', textBlock = """
            C2       | 80       | U+0080 cut after its lead byte
            E0 A0    | 80       | U+0800 cut before its last byte
            E1       | 80 80    | U+1000 cut after its lead byte
            ED 9F    | BF       | U+D7FF cut before its last byte
            F0 90 80 | 80       | U+10000 cut before its last byte
            F4       | 8F BF BF | U+10FFFF cut after its lead byte
            """)
    void truncatedSequenceCompletesInALaterUpdate(String head, String tail, String what) {
        Utf8Validator validator = new Utf8Validator();
        validator.update(buffer(bytes(head)), 0, bytes(head).length);
        assertTrue(validator.update(buffer(bytes(tail)), 0, bytes(tail).length) && validator.isComplete());
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"00E9", "07FF", "20AC", "FFFF", "1D11E", "10FFFF"})
    void characterSplitAtAnyTwoPositionsIsValid(String codePoint) {
        byte[] text = ("a" + Character.toString(Integer.parseInt(codePoint, 16)) + "b").getBytes(UTF_8);
        List<String> rejectedSplits = new ArrayList<>();
        for (int i = 0; i <= text.length; i++) {
            for (int j = i; j <= text.length; j++) {
                if (!isValidInPieces(text, i, j)) {
                    rejectedSplits.add(i + "," + j);
                }
            }
        }
        assertEquals(List.of(), rejectedSplits);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"00E9", "20AC", "10FFFF"})
    void characterFedOneByteAtATimeIsValid(String codePoint) {
        byte[] text = Character.toString(Integer.parseInt(codePoint, 16)).getBytes(UTF_8);
        ByteBuf buf = buffer(text);
        Utf8Validator validator = new Utf8Validator();
        boolean valid = true;
        for (int i = 0; i < text.length; i++) {
            valid &= validator.update(buf, i, 1);
        }
        assertTrue(valid && validator.isComplete());
    }

    // --- The 8-byte ASCII fast path ---------------------------------------------------------------------------

    @Test
    void asciiRunsOfEveryLengthAndAlignmentAreValid() {
        List<String> rejected = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            for (int length = 0; length <= 40; length++) {
                byte[] bytes = new byte[index + length];
                Arrays.fill(bytes, (byte) 0xFF); // invalid, but before `index`
                Arrays.fill(bytes, index, bytes.length, (byte) 'x');
                if (!Utf8Validator.isValid(buffer(bytes), index, length)) {
                    rejected.add("index " + index + " length " + length);
                }
            }
        }
        assertEquals(List.of(), rejected);
    }

    @ParameterizedTest(name = "invalid byte {0}")
    @ValueSource(ints = {0x80, 0xC0, 0xFF})
    void invalidByteAtEachOffsetOfALongAsciiRunIsRejected(int invalidByte) {
        List<Integer> missed = new ArrayList<>();
        for (int offset = 0; offset < 16; offset++) {
            byte[] bytes = new byte[24];
            Arrays.fill(bytes, (byte) 'x');
            bytes[offset] = (byte) invalidByte;
            if (isValid(bytes) || indexOfRejection(bytes) != offset) {
                missed.add(offset);
            }
        }
        assertEquals(List.of(), missed);
    }

    @Test
    void multiByteCharacterAtEveryOffsetOfAnAsciiRunIsValid() {
        List<Integer> rejected = new ArrayList<>();
        for (int offset = 0; offset < 17; offset++) {
            byte[] bytes = ("x".repeat(offset) + "\u20AC" + "x".repeat(16)).getBytes(UTF_8);
            if (!isValid(bytes)) {
                rejected.add(offset);
            }
        }
        assertEquals(List.of(), rejected);
    }

    @Test
    void asciiWordWhereAContinuationIsDueIsRejected() {
        assertFalse(isValid(bytes("C3 41 41 41 41 41 41 41 41 41"))); // lead byte, then 9 ASCII bytes
    }

    @Test
    void asciiWordInTheNextUpdateWhereAContinuationIsDueIsRejected() {
        Utf8Validator validator = new Utf8Validator();
        validator.update(buffer(bytes("41 41 41 41 41 41 41 E2 82")), 0, 9); // ASCII, then 2 of U+20AC's 3 bytes
        assertFalse(validator.update(buffer(bytes("41 41 41 41 41 41 41 41")), 0, 8));
    }

    // --- Agreement with the JDK -------------------------------------------------------------------------------

    @Test
    void agreesWithTheJdkStrictDecoderOnRandomInput() {
        long seed = seed();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = randomCandidate(random);
            assertEquals(WireFrames.isUtf8(input), isValid(input), () -> "seed " + seed + ", input " + hex(input));
        }
    }

    @Test
    void agreesWithTheJdkStrictDecoderWhenFedInRandomPieces() {
        long seed = seed();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = randomCandidate(random);
            int cut1 = random.nextInt(input.length + 1);
            int cut2 = cut1 + random.nextInt(input.length - cut1 + 1);
            assertEquals(WireFrames.isUtf8(input), isValidInPieces(input, cut1, cut2),
                    () -> "seed " + seed + ", input " + hex(input) + " cut at " + cut1 + " and " + cut2);
        }
    }

    /** Random bytes, valid UTF-8 made from random code points, and valid UTF-8 with one byte changed or dropped. */
    private static byte[] randomCandidate(Random random) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return randomBytes(random, random.nextInt(12));
        }
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(8); n >= 0; n--) {
            text.appendCodePoint(randomCodePoint(random));
        }
        byte[] bytes = text.toString().getBytes(UTF_8);
        if (kind == 1) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        if (random.nextInt(5) == 0) { // drop a byte, often truncating a sequence
            byte[] shorter = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, shorter, 0, at);
            System.arraycopy(bytes, at + 1, shorter, at, shorter.length - at);
            return shorter;
        }
        bytes[at] = random.nextBoolean() ? (byte) random.nextInt(256) : EDGE_BYTES[random.nextInt(EDGE_BYTES.length)];
        return bytes;
    }

    // --- Helpers ----------------------------------------------------------------------------------------------

    /** The bytes in a buffer that needs no release: wrapped arrays are not reference-tracked resources. */
    private static ByteBuf buffer(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    private static boolean isValid(byte[] bytes) {
        return Utf8Validator.isValid(buffer(bytes), 0, bytes.length);
    }

    /** Validates {@code [0, cut1)}, {@code [cut1, cut2)} and {@code [cut2, end)} in three updates. */
    private static boolean isValidInPieces(byte[] bytes, int cut1, int cut2) {
        ByteBuf buf = buffer(bytes);
        Utf8Validator validator = new Utf8Validator();
        boolean first = validator.update(buf, 0, cut1);
        boolean second = validator.update(buf, cut1, cut2 - cut1);
        boolean third = validator.update(buf, cut2, bytes.length - cut2);
        return first && second && third && validator.isComplete();
    }

    /** The index of the byte at which a byte-by-byte validation first fails, or -1. */
    private static int indexOfRejection(byte[] bytes) {
        ByteBuf buf = buffer(bytes);
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < bytes.length; i++) {
            if (!validator.update(buf, i, 1)) {
                return i;
            }
        }
        return -1;
    }
}
