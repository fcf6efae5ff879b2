package io.github.wsline.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A frame as bytes on the wire, built field by field so that a test can send what a correct peer never would:
 * reserved opcodes and RSV bits, unmasked client frames, fragmented or oversized control frames, non-minimal or
 * false length fields. Immutable; each setter returns a changed copy.
 *
 * <pre>{@code
 * client.send(RawFrame.text("Hello").fin(false));        // first fragment
 * client.send(RawFrame.ping(new byte[126]));             // too long for a control frame
 * client.send(RawFrame.binary(new byte[5]).masked(false)); // a client must mask
 * }</pre>
 *
 * This writer is independent of the codec's encoder on purpose: a test of the codec must not trust the codec.
 */
public final class RawFrame {
    public static final int OPCODE_CONTINUATION = 0x0;
    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;
    public static final int OPCODE_PING = 0x9;
    public static final int OPCODE_PONG = 0xA;

    /** How the payload length is written: the smallest form that fits (as §5.2 requires), or forced wider. */
    public enum LengthEncoding { MINIMAL, SHORT_16_BIT, LONG_64_BIT }

    private final boolean fin;
    private final int rsv;
    private final int opcode;
    private final byte[] payload;
    private final boolean masked;
    private final Integer maskKey;
    private final LengthEncoding lengthEncoding;
    private final Long declaredLength;

    private RawFrame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, Integer maskKey,
            LengthEncoding lengthEncoding, Long declaredLength) {
        this.fin = fin;
        this.rsv = rsv;
        this.opcode = opcode;
        this.payload = payload;
        this.masked = masked;
        this.maskKey = maskKey;
        this.lengthEncoding = lengthEncoding;
        this.declaredLength = declaredLength;
    }

    /** A final, masked frame with this opcode and payload. */
    public static RawFrame of(int opcode, byte[] payload) {
        return new RawFrame(true, 0, opcode, payload.clone(), true, null, LengthEncoding.MINIMAL, null);
    }

    public static RawFrame text(String text) {
        return of(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static RawFrame text(byte[] utf8) {
        return of(OPCODE_TEXT, utf8);
    }

    public static RawFrame binary(byte[] data) {
        return of(OPCODE_BINARY, data);
    }

    public static RawFrame continuation(String text) {
        return of(OPCODE_CONTINUATION, text.getBytes(StandardCharsets.UTF_8));
    }

    public static RawFrame continuation(byte[] data) {
        return of(OPCODE_CONTINUATION, data);
    }

    public static RawFrame ping(byte[] data) {
        return of(OPCODE_PING, data);
    }

    public static RawFrame pong(byte[] data) {
        return of(OPCODE_PONG, data);
    }

    /** A Close frame with a 2-byte code and a UTF-8 reason; the code is written as given, valid or not. */
    public static RawFrame close(int code, String reason) {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        return of(OPCODE_CLOSE, ByteBuffer.allocate(2 + reasonBytes.length).putShort((short) code).put(reasonBytes).array());
    }

    /** A Close frame with no payload: no code, no reason. */
    public static RawFrame close() {
        return of(OPCODE_CLOSE, new byte[0]);
    }

    public RawFrame fin(boolean fin) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /** RSV bits as in {@code WebSocketFrame.rsv()}: RSV1 = 4, RSV2 = 2, RSV3 = 1. */
    public RawFrame rsv(int rsv) {
        return new RawFrame(fin, rsv & 7, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /** Any 4-bit opcode, reserved ones included. */
    public RawFrame opcode(int opcode) {
        return new RawFrame(fin, rsv, opcode & 0xF, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    public RawFrame masked(boolean masked) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /** Masks with this key instead of the client's. */
    public RawFrame maskKey(int maskKey) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    public RawFrame lengthEncoding(LengthEncoding lengthEncoding) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /** Writes this length in the header whatever the payload's real length (64-bit form when it needs it). */
    public RawFrame declaredLength(long length) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, length);
    }

    /** The frame's bytes, masked with {@code defaultMaskKey} unless a key was set on the frame. */
    public byte[] toBytes(int defaultMaskKey) {
        long length = declaredLength != null ? declaredLength : payload.length;
        LengthEncoding encoding = lengthEncoding;
        if (encoding == LengthEncoding.MINIMAL) {
            encoding = length <= 125 && length >= 0 ? null : length <= 0xFFFF && length >= 0 ? LengthEncoding.SHORT_16_BIT
                    : LengthEncoding.LONG_64_BIT;
        }
        ByteBuffer out = ByteBuffer.allocate(2 + 8 + 4 + payload.length);
        out.put((byte) ((fin ? 0x80 : 0) | rsv << 4 | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (encoding == null) {
            out.put((byte) (maskBit | length));
        } else if (encoding == LengthEncoding.SHORT_16_BIT) {
            out.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            out.put((byte) (maskBit | 127)).putLong(length);
        }
        int key = maskKey != null ? maskKey : defaultMaskKey;
        if (masked) {
            out.putInt(key);
        }
        for (int i = 0; i < payload.length; i++) {
            int keyByte = masked ? key >>> (24 - 8 * (i & 3)) : 0;
            out.put((byte) (payload[i] ^ keyByte));
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }
}
