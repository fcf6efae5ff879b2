package io.github.wsline.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames an endpoint wrote, parsed by a reference reader written from RFC 6455 §5.2 alone (it shares no code with
 * the codec), and the rules every frame a wsline endpoint sends must follow: for tests and fuzz targets, which check
 * what the endpoint answered.
 */
public final class WireFrames {
    private WireFrames() {
    }

    /** Everything the channel wrote so far, as bytes; the buffers are released. */
    public static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            try {
                if (!(msg instanceof ByteBuf)) {
                    throw new AssertionError("The channel wrote a " + msg.getClass().getName() + ", not bytes.");
                }
                bytes.writeBytes(ByteBufUtil.getBytes((ByteBuf) msg));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return bytes.toByteArray();
    }

    /** Parses {@code bytes} into whole frames; fails if they end inside a frame. */
    public static List<Frame> parse(byte[] bytes) {
        List<Frame> frames = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            require(bytes.length - i >= 2, "truncated frame header at byte " + i);
            int b0 = bytes[i] & 0xFF;
            int b1 = bytes[i + 1] & 0xFF;
            i += 2;
            long length = b1 & 0x7F;
            if (length == 126) {
                require(bytes.length - i >= 2, "truncated 16-bit length");
                length = ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
                require(length > 125, "16-bit length " + length + " is not minimal");
                i += 2;
            } else if (length == 127) {
                require(bytes.length - i >= 8, "truncated 64-bit length");
                length = ByteBuffer.wrap(bytes, i, 8).getLong();
                require(length > 0xFFFF, "64-bit length " + length + " is not minimal (or negative)");
                i += 8;
            }
            boolean masked = (b1 & 0x80) != 0;
            byte[] key = new byte[4];
            if (masked) {
                require(bytes.length - i >= 4, "truncated masking key");
                System.arraycopy(bytes, i, key, 0, 4);
                i += 4;
            }
            require(bytes.length - i >= length, "truncated payload: " + length + " bytes announced, "
                    + (bytes.length - i) + " written");
            byte[] payload = Arrays.copyOfRange(bytes, i, i + (int) length);
            for (int j = 0; j < payload.length; j++) {
                payload[j] ^= key[j % 4];
            }
            i += (int) length;
            frames.add(new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xF, masked, payload));
        }
        return frames;
    }

    /**
     * Checks the frames an endpoint wrote when its application wrote nothing: Pongs and at most one Close, last; all
     * final, without RSV bits, masked exactly when {@code client}; control payloads of at most 125 bytes; a Close
     * payload empty or a code that may be sent (RFC 6455 §7.4.1, IANA registry) and a UTF-8 reason.
     */
    public static void checkControlReplies(List<Frame> frames, boolean client) {
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            String which = "frame " + i + " of " + frames.size() + " written, " + frame;
            require(frame.opcode() == Frame.OPCODE_PONG || frame.opcode() == Frame.OPCODE_CLOSE,
                    "not a Pong or Close: " + which);
            require(frame.fin(), "not final: " + which);
            require(frame.rsv() == 0, "RSV bits on a control frame: " + which);
            require(frame.masked() == client, (client ? "unmasked client frame: " : "masked server frame: ") + which);
            require(frame.payload().length <= 125, "control payload over 125 bytes: " + which);
            if (frame.opcode() == Frame.OPCODE_CLOSE) {
                require(i == frames.size() - 1, "frames written after a Close: " + which);
                checkClosePayload(frame, which);
            }
        }
    }

    private static void checkClosePayload(Frame close, String which) {
        if (close.payload().length == 0) {
            return;
        }
        require(close.payload().length >= 2, "1-byte Close payload: " + which);
        int code = close.closeCode();
        require(isSendableCloseCode(code), "Close code " + code + " must not be sent: " + which);
        require(isUtf8(Arrays.copyOfRange(close.payload(), 2, close.payload().length)), "Close reason not UTF-8: "
                + which);
    }

    /** RFC 6455 §7.4.1 and §7.4.2, with the codes IANA registered since (1012-1014). */
    public static boolean isSendableCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /** The JDK's strict decoder: rejects malformed input, overlongs, surrogates and code points over U+10FFFF. */
    public static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }
}
