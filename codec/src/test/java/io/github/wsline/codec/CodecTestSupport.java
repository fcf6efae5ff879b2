package io.github.wsline.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.wsline.codec.WebSocketConfig.Role;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Hex fixtures, decoding and encoding through {@link EmbeddedChannel}s, and the frames they produce as values. */
final class CodecTestSupport {
    private CodecTestSupport() {
    }

    /** The bytes of a hex fixture; whitespace is ignored. */
    static byte[] bytes(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replaceAll("\\s", ""));
    }

    static String hex(byte[] bytes) {
        return ByteBufUtil.hexDump(bytes);
    }

    static String utf8Hex(String text) {
        return hex(text.getBytes(UTF_8));
    }

    /**
     * The seed of a property test's {@link Random}: fixed, so that CI is deterministic; {@code -Dwsline.seed=...}
     * explores others ({@code -Dwsline.seed=random} a new one each run), and failures print the seed to replay.
     */
    static long seed() {
        String seed = System.getProperty("wsline.seed", "6455");
        return seed.equals("random") ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seed);
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A random Unicode scalar value (never a surrogate), each UTF-8 length equally likely, edges often. */
    static int randomCodePoint(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return random.nextInt(0x80);
            case 1:
                return 0x80 + random.nextInt(0x800 - 0x80);
            case 2:
                int codePoint = 0x800 + random.nextInt(0x10000 - 0x800);
                return codePoint >= 0xD800 && codePoint <= 0xDFFF ? codePoint - 0x800 : codePoint;
            case 3:
                return 0x10000 + random.nextInt(0x110000 - 0x10000);
            default:
                int[] edges = {0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF};
                return edges[random.nextInt(edges.length)];
        }
    }

    /** Valid UTF-8 of exactly {@code length} bytes: mostly ASCII, like most text, and random code points. */
    static byte[] randomUtf8(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int size = 0; size < length; ) {
            int codePoint = random.nextInt(8) != 0 ? ' ' + random.nextInt(95) : randomCodePoint(random);
            int bytes = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (size + bytes > length) {
                codePoint = 'x';
                bytes = 1;
            }
            text.appendCodePoint(codePoint);
            size += bytes;
        }
        return text.toString().getBytes(UTF_8);
    }

    /** RFC 6455 §5.3 literally: payload byte j XOR key byte (j mod 4), the key in network byte order. */
    static byte[] referenceMask(byte[] input, int index, int length, int maskKey, long payloadOffset) {
        byte[] key = {(byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8), (byte) maskKey};
        byte[] output = input.clone();
        for (int j = 0; j < length; j++) {
            output[index + j] ^= key[(int) ((payloadOffset + j) % 4)];
        }
        return output;
    }

    static WebSocketConfig config(Role role) {
        return WebSocketConfig.builder().role(role).build();
    }

    /** Writes each piece as one read, in a buffer of its own, and returns (and releases) every frame decoded. */
    static List<Decoded> decode(EmbeddedChannel channel, String... hexPieces) {
        for (String piece : hexPieces) {
            write(channel, bytes(piece));
        }
        return readDecoded(channel);
    }

    /** Like {@link #decode(EmbeddedChannel, String...)}, for pieces already in bytes. */
    static List<Decoded> decode(EmbeddedChannel channel, List<byte[]> pieces) {
        for (byte[] piece : pieces) {
            write(channel, piece);
        }
        return readDecoded(channel);
    }

    /** Every frame decoded so far, released. */
    static List<Decoded> readDecoded(EmbeddedChannel channel) {
        List<Decoded> frames = new ArrayList<>();
        for (WebSocketFrame frame; (frame = channel.readInbound()) != null; ) {
            try {
                frames.add(Decoded.of(frame));
            } finally {
                frame.release();
            }
        }
        return frames;
    }

    /** Writes {@code hex} as one read, expecting it to raise a violation, and returns the violation's close code. */
    static int rejectionCode(EmbeddedChannel channel, String hex) {
        try {
            write(channel, bytes(hex));
        } catch (CorruptedWebSocketFrameException e) {
            readDecoded(channel); // frames decoded before the violation, if any
            return e.closeStatus().code();
        }
        throw new AssertionError("no violation raised by " + hex + "; decoded " + readDecoded(channel));
    }

    /** Encodes the frames one write each and returns (and releases) all the bytes written. */
    static byte[] encode(EmbeddedChannel channel, WebSocketFrame... frames) {
        for (WebSocketFrame frame : frames) {
            channel.writeOutbound(frame);
        }
        ByteBuf all = Unpooled.buffer();
        try {
            for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
                all.writeBytes(out);
                out.release();
            }
            return ByteBufUtil.getBytes(all);
        } finally {
            all.release();
        }
    }

    private static void write(EmbeddedChannel channel, byte[] piece) {
        channel.writeInbound(channel.alloc().buffer(piece.length).writeBytes(piece));
    }

    /** A frame as a value: its type ("Text", "Continuation", ...), FIN bit, RSV bits and payload in hex. */
    record Decoded(String type, boolean fin, int rsv, String payloadHex) {
        static Decoded of(WebSocketFrame frame) {
            String type = frame.getClass().getSimpleName().replace("WebSocketFrame", "");
            // One bulk copy: at paranoid leak detection every single-byte read of a tracked buffer records a trace.
            byte[] payload = ByteBufUtil.getBytes(frame.content());
            return new Decoded(type, frame.isFinalFragment(), frame.rsv(), hex(payload));
        }

        static Decoded text(boolean fin, String text) {
            return new Decoded("Text", fin, 0, utf8Hex(text));
        }

        static Decoded frame(String type, boolean fin, String payloadHex) {
            return new Decoded(type, fin, 0, payloadHex.replaceAll("\\s", "").toLowerCase());
        }

        /** A new frame of this type, flags and payload, for the encoder. */
        WebSocketFrame toFrame() {
            ByteBuf payload = Unpooled.wrappedBuffer(bytes(payloadHex));
            switch (type) {
                case "Text":
                    return new TextWebSocketFrame(fin, rsv, payload);
                case "Binary":
                    return new BinaryWebSocketFrame(fin, rsv, payload);
                case "Continuation":
                    return new ContinuationWebSocketFrame(fin, rsv, payload);
                case "Ping":
                    return new PingWebSocketFrame(fin, rsv, payload);
                case "Pong":
                    return new PongWebSocketFrame(fin, rsv, payload);
                case "Close":
                    return new CloseWebSocketFrame(fin, rsv, payload);
                default:
                    throw new IllegalArgumentException(type);
            }
        }

        /** Long payloads are abbreviated, with a hash so that different ones still print differently. */
        @Override
        public String toString() {
            String payload = payloadHex.length() <= 64 ? payloadHex
                    : payloadHex.substring(0, 64) + "...#" + Integer.toHexString(payloadHex.hashCode());
            return type + (fin ? "" : "(non-final)") + (rsv != 0 ? "(rsv=" + rsv + ")" : "")
                    + "[" + payloadHex.length() / 2 + " bytes: " + payload + "]";
        }
    }

    /**
     * Creates codec channels for a test and finishes them after it: fails the test if one still holds unread messages
     * or an exception nobody asserted, and releases everything either way.
     */
    static final class Channels implements AfterEachCallback {
        private final List<EmbeddedChannel> channels = new ArrayList<>();

        EmbeddedChannel decoder(Role role) {
            return decoder(config(role));
        }

        EmbeddedChannel decoder(WebSocketConfig config) {
            return track(new EmbeddedChannel(new FrameDecoder(config)));
        }

        EmbeddedChannel encoder(Role role) {
            return track(new EmbeddedChannel(new FrameEncoder(config(role))));
        }

        /** A client-role encoder whose masking keys come from {@code maskKeys}. */
        EmbeddedChannel maskingEncoder(IntSupplier maskKeys) {
            return track(new EmbeddedChannel(new FrameEncoder(maskKeys)));
        }

        private EmbeddedChannel track(EmbeddedChannel channel) {
            channels.add(channel);
            return channel;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            List<String> problems = new ArrayList<>();
            for (EmbeddedChannel channel : channels) {
                String name = channel.pipeline().first().getClass().getSimpleName();
                try {
                    if (channel.finishAndReleaseAll()) {
                        problems.add(name + " channel still held unread messages");
                    }
                } catch (RuntimeException e) {
                    problems.add(name + " channel had an unasserted exception: " + e);
                }
            }
            channels.clear();
            if (!problems.isEmpty()) {
                throw new AssertionError(String.join("\n", problems));
            }
        }
    }
}
