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
    /** %x0, a continuation frame (RFC 6455 §5.2, §5.4). */
    public static final int OPCODE_CONTINUATION = 0x0;
    /** %x1, a text frame (RFC 6455 §5.6). */
    public static final int OPCODE_TEXT = 0x1;
    /** %x2, a binary frame (RFC 6455 §5.6). */
    public static final int OPCODE_BINARY = 0x2;
    /** %x8, a connection close (RFC 6455 §5.5.1). */
    public static final int OPCODE_CLOSE = 0x8;
    /** %x9, a ping (RFC 6455 §5.5.2). */
    public static final int OPCODE_PING = 0x9;
    /** %xA, a pong (RFC 6455 §5.5.3). */
    public static final int OPCODE_PONG = 0xA;

    /** How the payload length is written: the smallest form that fits (as §5.2 requires), or forced wider. */
    public enum LengthEncoding {
        /** 7 bits up to 125 bytes, then the 16-bit form up to 65,535, then the 64-bit form: the only valid choice. */
        MINIMAL,
        /** 126 and a 16-bit length, even for a payload that fits in 7 bits. */
        SHORT_16_BIT,
        /** 127 and a 64-bit length, even for a payload that fits in 16 bits. */
        LONG_64_BIT
    }

    private final boolean fin;
    private final int rsv;
    private final int opcode;
    private final byte[] payload;
    /** Null: as its sender sends frames, masked from the test client, unmasked from the test server. */
    private final Boolean masked;
    private final Integer maskKey;
    private final LengthEncoding lengthEncoding;
    private final Long declaredLength;

    private RawFrame(boolean fin, int rsv, int opcode, byte[] payload, Boolean masked, Integer maskKey,
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

    /**
     * {@return a final frame with this opcode and payload} Masked when {@link WebSocketTestClient} sends it, unmasked
     * when {@link WebSocketTestServer} does, as RFC 6455 §5.1 has each side send, unless {@link #masked(boolean)} says
     * otherwise.
     *
     * @param opcode  the frame's opcode, such as {@link #OPCODE_TEXT}
     * @param payload the unmasked payload; copied
     */
    public static RawFrame of(int opcode, byte[] payload) {
        return new RawFrame(true, 0, opcode, payload.clone(), null, null, LengthEncoding.MINIMAL, null);
    }

    /**
     * {@return a final Text frame}
     *
     * @param text the payload, encoded as UTF-8
     */
    public static RawFrame text(String text) {
        return of(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@return a final Text frame with these bytes, valid UTF-8 or not}
     *
     * @param utf8 the payload as sent; copied
     */
    public static RawFrame text(byte[] utf8) {
        return of(OPCODE_TEXT, utf8);
    }

    /**
     * {@return a final Binary frame}
     *
     * @param data the payload; copied
     */
    public static RawFrame binary(byte[] data) {
        return of(OPCODE_BINARY, data);
    }

    /**
     * {@return a final Continuation frame} Make it {@link #fin(boolean) fin(false)} for a middle fragment.
     *
     * @param text the payload, encoded as UTF-8
     */
    public static RawFrame continuation(String text) {
        return of(OPCODE_CONTINUATION, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@return a final Continuation frame} Make it {@link #fin(boolean) fin(false)} for a middle fragment.
     *
     * @param data the payload; copied
     */
    public static RawFrame continuation(byte[] data) {
        return of(OPCODE_CONTINUATION, data);
    }

    /**
     * {@return a Ping frame}
     *
     * @param data the application data; more than 125 bytes makes an invalid control frame (RFC 6455 §5.5)
     */
    public static RawFrame ping(byte[] data) {
        return of(OPCODE_PING, data);
    }

    /**
     * {@return a Pong frame}
     *
     * @param data the application data; more than 125 bytes makes an invalid control frame (RFC 6455 §5.5)
     */
    public static RawFrame pong(byte[] data) {
        return of(OPCODE_PONG, data);
    }

    /**
     * {@return a Close frame with a 2-byte code and a UTF-8 reason (RFC 6455 §5.5.1)}
     *
     * @param code   the status code, written as given, valid or not (only its low 16 bits)
     * @param reason the reason, encoded as UTF-8; may be empty
     */
    public static RawFrame close(int code, String reason) {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        return of(OPCODE_CLOSE, ByteBuffer.allocate(2 + reasonBytes.length).putShort((short) code).put(reasonBytes).array());
    }

    /** {@return a Close frame with no payload: no code, no reason} */
    public static RawFrame close() {
        return of(OPCODE_CLOSE, new byte[0]);
    }

    /**
     * {@return a copy with the FIN bit set or cleared}
     *
     * @param fin false for a fragment that more fragments follow
     */
    public RawFrame fin(boolean fin) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /**
     * {@return a copy with these RSV bits}
     *
     * @param rsv the bits as in {@code WebSocketFrame.rsv()}: RSV1 = 4, RSV2 = 2, RSV3 = 1; higher bits are ignored
     */
    public RawFrame rsv(int rsv) {
        return new RawFrame(fin, rsv & 7, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /**
     * {@return a copy with this opcode}
     *
     * @param opcode any 4-bit opcode, reserved ones included; higher bits are ignored
     */
    public RawFrame opcode(int opcode) {
        return new RawFrame(fin, rsv, opcode & 0xF, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /**
     * {@return a copy with the MASK bit set or cleared} A client must mask every frame (RFC 6455 §5.3), a server must
     * not.
     *
     * @param masked false to send the payload unmasked, with no masking key; true to mask it
     */
    public RawFrame masked(boolean masked) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /**
     * {@return a copy masked with this key instead of the client's}
     *
     * @param maskKey the 32-bit masking key, first byte in the high bits
     */
    public RawFrame maskKey(int maskKey) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /**
     * {@return a copy whose length is written in this form} Default {@link LengthEncoding#MINIMAL}.
     *
     * @param lengthEncoding the form of the payload length field
     */
    public RawFrame lengthEncoding(LengthEncoding lengthEncoding) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, declaredLength);
    }

    /**
     * {@return a copy whose header declares {@code length} whatever the payload's real length}
     *
     * @param length the length to write; the 64-bit form is used when it needs it
     */
    public RawFrame declaredLength(long length) {
        return new RawFrame(fin, rsv, opcode, payload, masked, maskKey, lengthEncoding, length);
    }

    /**
     * {@return the frame's bytes, header and payload, as they go on the wire from a client} Masked unless
     * {@link #masked(boolean) masked(false)}.
     *
     * @param defaultMaskKey the masking key, unless one was set on the frame; unused for an unmasked frame
     */
    public byte[] toBytes(int defaultMaskKey) {
        return toBytes(true, defaultMaskKey);
    }

    /** The frame's bytes, masked if {@link #masked(boolean)} says so, else if {@code maskByDefault}. */
    byte[] toBytes(boolean maskByDefault, int defaultMaskKey) {
        boolean masked = this.masked != null ? this.masked : maskByDefault;
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
