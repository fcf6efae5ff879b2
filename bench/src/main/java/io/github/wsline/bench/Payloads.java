package io.github.wsline.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;

/** The bytes every benchmark feeds both implementations: chat-like UTF-8 text, random binary, client frames. */
final class Payloads {
    private static final int RSV1 = 0x40;
    private static final String CHAT_WORDS = "{\"type\":\"message\",\"text\":\"héllo wörld, 5 € · ok\",\"ts\":1700000000000} ";

    private Payloads() {
    }

    /** Valid UTF-8 of exactly {@code length} bytes: JSON-like, mostly ASCII, a few 2- and 3-byte characters. */
    static byte[] text(int length) {
        byte[] text = new byte[length];
        int i = 0;
        for (int c = 0; ; c = (c + 1) % CHAT_WORDS.length()) {
            byte[] character = CHAT_WORDS.substring(c, c + 1).getBytes(StandardCharsets.UTF_8);
            if (i + character.length > length) {
                break;
            }
            System.arraycopy(character, 0, text, i, character.length);
            i += character.length;
        }
        java.util.Arrays.fill(text, i, length, (byte) ' '); // never end inside a character
        return text;
    }

    static byte[] binary(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }

    /** A final client frame (masked, RFC 6455 §5.3) with a fixed key, as a browser sends it; RSV bits may be given. */
    static byte[] clientFrame(int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte) (0x80 | opcode));
        if (payload.length <= 125) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        int key = 0x37fa213d;
        frame.putInt(key);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ (key >>> (24 - 8 * (i & 3)))));
        }
        return java.util.Arrays.copyOf(frame.array(), frame.position());
    }

    /**
     * A final, masked Text frame with RSV1 set, its payload compressed as RFC 7692 §7.2.1 says, without context
     * takeover: raw DEFLATE at level 6, flushed, the trailing {@code 00 00 ff ff} removed.
     */
    static byte[] compressedClientFrame(byte[] text) {
        Deflater deflater = new Deflater(6, true);
        try {
            deflater.setInput(text);
            byte[] buffer = new byte[text.length + 64];
            int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            return clientFrame(RSV1 | 1, java.util.Arrays.copyOf(buffer, length - 4));
        } finally {
            deflater.end();
        }
    }

    /** {@code count} copies of a frame, back to back. */
    static byte[] repeat(byte[] frame, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length * count);
        for (int i = 0; i < count; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }
}
