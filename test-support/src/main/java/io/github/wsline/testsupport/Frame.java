package io.github.wsline.testsupport;

import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One frame as it is on the wire (RFC 6455 §5.2), its payload unmasked: what {@link WireFrames#parse(byte[])} reads,
 * and what a test writes with {@link #toBytes(int)}, valid or not (reserved opcodes and RSV bits, unmasked client
 * frames, fragmented or oversized control frames, length fields that are not minimal or do not match the payload).
 * Written from the RFC alone, sharing no code with the codec, so that a test of the codec does not trust the codec.
 *
 * <pre>{@code
 * Frame.of(OPCODE_TEXT, "Hel").fin(false).toBytes(0x37fa213d) // first fragment, masked as a client sends it
 * Frame.of(OPCODE_PING, new byte[126])                        // too long for a control frame
 * Frame.of(OPCODE_BINARY, new byte[5]).masked(false)          // a client frame must be masked
 * }</pre>
 */
public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    public static final int OPCODE_CONTINUATION = 0x0;
    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;
    public static final int OPCODE_PING = 0x9;
    public static final int OPCODE_PONG = 0xA;

    /** How the payload length is written (§5.2): in the 7 bits of byte 1, or behind it in 16 or 64 bits. */
    public enum LengthField {
        SEVEN_BIT, SIXTEEN_BIT, SIXTY_FOUR_BIT;

        /** The form §5.2 requires: "the minimal number of bytes MUST be used to encode the length". */
        public static LengthField minimalFor(long length) {
            return length < 0 || length > 0xFFFF ? SIXTY_FOUR_BIT : length > 125 ? SIXTEEN_BIT : SEVEN_BIT;
        }
    }

    /** A final frame with this opcode and payload, masked as a client sends it. */
    public static Frame of(int opcode, byte[] payload) {
        return new Frame(true, 0, opcode, true, payload.clone());
    }

    /** A final frame with this opcode and {@code text} in UTF-8 as its payload, masked as a client sends it. */
    public static Frame of(int opcode, String text) {
        return of(opcode, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A Close frame with a 2-byte code and a UTF-8 reason (§5.5.1); the code is written as given, valid or not. */
    public static Frame close(int code, String reason) {
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        return of(OPCODE_CLOSE, ByteBuffer.allocate(2 + utf8.length).putShort((short) code).put(utf8).array());
    }

    public Frame fin(boolean fin) {
        return new Frame(fin, rsv, opcode, masked, payload);
    }

    /** RSV bits as Netty's {@code WebSocketFrame.rsv()} numbers them: RSV1 = 4, RSV2 = 2, RSV3 = 1. */
    public Frame rsv(int rsv) {
        return new Frame(fin, rsv & 7, opcode, masked, payload);
    }

    public Frame masked(boolean masked) {
        return new Frame(fin, rsv, opcode, masked, payload);
    }

    public boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    /** The payload decoded as UTF-8. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The Close frame's code, or -1 when it has no payload. */
    public int closeCode() {
        return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    /** The Close frame's reason, empty when it has none. */
    public String closeReason() {
        return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    /** The frame's bytes, the length in its minimal form, masked with {@code maskKey} if the frame is masked. */
    public byte[] toBytes(int maskKey) {
        return toBytes(maskKey, LengthField.minimalFor(payload.length));
    }

    /** The frame's bytes with the payload length written in {@code field}, minimal or not. */
    public byte[] toBytes(int maskKey, LengthField field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header(maskKey, payload.length, field));
        for (int i = 0; i < payload.length; i++) {
            bytes.write(masked ? payload[i] ^ maskKey >>> 8 * (3 - i % 4) : payload[i]);
        }
        return bytes.toByteArray();
    }

    /**
     * The frame's header alone, announcing {@code declaredLength} bytes whatever the payload holds, in the minimal
     * form for that length (64 bits when it is negative, i.e. has its most significant bit set).
     */
    public byte[] header(int maskKey, long declaredLength) {
        return header(maskKey, declaredLength, LengthField.minimalFor(declaredLength));
    }

    private byte[] header(int maskKey, long length, LengthField field) {
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) ((fin ? 0x80 : 0) | rsv << 4 | opcode));
        int maskBit = masked ? 0x80 : 0;
        switch (field) {
            case SEVEN_BIT -> header.put((byte) (maskBit | length));
            case SIXTEEN_BIT -> header.put((byte) (maskBit | 126)).putShort((short) length);
            case SIXTY_FOUR_BIT -> header.put((byte) (maskBit | 127)).putLong(length);
        }
        if (masked) {
            header.putInt(maskKey);
        }
        return Arrays.copyOf(header.array(), header.position());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame frame && frame.fin == fin && frame.rsv == rsv && frame.opcode == opcode
                && frame.masked == masked && Arrays.equals(frame.payload, payload);
    }

    @Override
    public int hashCode() {
        return opcode * 31 + Arrays.hashCode(payload);
    }

    /** Long payloads are abbreviated, with a hash so that different ones still print differently. */
    @Override
    public String toString() {
        String hex = ByteBufUtil.hexDump(payload);
        String shown = hex.length() <= 64 ? hex : hex.substring(0, 64) + "...#" + Integer.toHexString(hex.hashCode());
        return "Frame{fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode + ", masked=" + masked + ", "
                + payload.length + " bytes: " + shown + '}';
    }
}
