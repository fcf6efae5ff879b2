package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.decode;
import static io.github.wsline.codec.CodecTestSupport.encode;
import static io.github.wsline.codec.CodecTestSupport.randomBytes;
import static io.github.wsline.codec.CodecTestSupport.randomUtf8;
import static io.github.wsline.codec.CodecTestSupport.seed;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.codec.CodecTestSupport.Channels;
import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.github.wsline.codec.WebSocketConfig.Role;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Property: any valid sequence of frames, encoded and then read back in any split of the byte stream, decodes to
 * exactly the frames encoded (type, FIN, RSV, payload). Frames of every type and length class, fragmented
 * messages with control frames between fragments, Text split anywhere inside its UTF-8, RSV bits at random.
 */
class FrameRoundTripTest {
    private static final int TRIALS = 24;
    private static final int[] SENDABLE_CLOSE_CODES = {1000, 1001, 1002, 1003, 1007, 1011, 1014, 3000, 4000, 4999};

    @RegisterExtension
    final Channels channels = new Channels();

    /** How the encoded stream is cut into reads. */
    private enum Split {
        ONE_BYTE_READS, ONE_READ, RANDOM_READS
    }

    @Test
    void clientFramesDecodeOnTheServerAsEncoded() {
        long seed = seed();
        Random random = new Random(seed);
        roundTrips(seed, random, channels.maskingEncoder(random::nextInt), SERVER);
    }

    @Test
    void serverFramesDecodeOnTheClientAsEncoded() {
        long seed = seed();
        Random random = new Random(seed);
        roundTrips(seed, random, channels.encoder(SERVER), CLIENT);
    }

    private void roundTrips(long seed, Random random, EmbeddedChannel encoder, Role role) {
        WebSocketConfig config = WebSocketConfig.builder()
                .role(role)
                .allowedRsvBits(WebSocketConfig.RSV1 | WebSocketConfig.RSV2 | WebSocketConfig.RSV3)
                .maxMessageSize(16 << 20)
                .build();
        for (int trial = 0; trial < TRIALS; trial++) {
            Split split = Split.values()[trial % Split.values().length];
            List<Decoded> frames = randomFrames(random, split == Split.ONE_BYTE_READS);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (Decoded frame : frames) {
                stream.writeBytes(encode(encoder, frame.toFrame()));
            }
            List<byte[]> reads = cut(stream.toByteArray(), split, random);

            String context = "seed " + seed + ", trial " + trial + ", " + stream.size() + " bytes in " + reads.size()
                    + " reads (" + split + ")";
            EmbeddedChannel decoder = channels.decoder(config);
            List<Decoded> decoded = assertDoesNotThrow(() -> decode(decoder, reads), context);
            assertEquals(frames, decoded, context);
        }
    }

    /**
     * A few messages, some fragmented with control frames between the fragments, a control frame now and then, and
     * half the time a Close at the end. {@code small} keeps every frame within 300 bytes.
     */
    private static List<Decoded> randomFrames(Random random, boolean small) {
        List<Decoded> frames = new ArrayList<>();
        for (int messages = 1 + random.nextInt(6); messages > 0; messages--) {
            if (random.nextInt(4) == 0) {
                frames.add(randomPingOrPong(random));
            }
            boolean text = random.nextBoolean();
            int[] lengths = new int[random.nextInt(3) == 0 ? 2 + random.nextInt(3) : 1];
            int total = 0;
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = randomLength(random, small);
                total += lengths[i];
            }
            byte[] payload = text ? randomUtf8(random, total) : randomBytes(random, total);
            for (int i = 0, offset = 0; i < lengths.length; offset += lengths[i], i++) {
                String type = i > 0 ? "Continuation" : text ? "Text" : "Binary";
                boolean fin = i == lengths.length - 1;
                frames.add(new Decoded(type, fin, random.nextInt(8), ByteBufUtil.hexDump(payload, offset, lengths[i])));
                if (!fin && random.nextInt(3) == 0) {
                    frames.add(randomPingOrPong(random));
                }
            }
        }
        if (random.nextBoolean()) {
            frames.add(randomClose(random));
        }
        return frames;
    }

    /**
     * Every length class, its edges often. Large payloads are few and mostly just past 65535: at paranoid leak
     * detection each masking and validation step on a tracked buffer records a stack trace.
     */
    private static int randomLength(Random random, boolean small) {
        if (small) {
            int kind = random.nextInt(6);
            return kind == 0 ? 0 : kind == 1 ? 126 + random.nextInt(175) : 1 + random.nextInt(125);
        }
        switch (random.nextInt(10)) {
            case 0:
                return 0;
            case 1:
                return new int[] {1, 125, 126, 127, 65535, 65536}[random.nextInt(6)];
            case 2:
            case 3:
                return 126 + random.nextInt(1000);
            case 4:
                return 126 + random.nextInt(65535 - 126 + 1);
            case 5:
                return 65536 + random.nextInt(4000);
            default:
                return 1 + random.nextInt(125);
        }
    }

    private static Decoded randomPingOrPong(Random random) {
        String payload = ByteBufUtil.hexDump(randomBytes(random, random.nextInt(126)));
        return new Decoded(random.nextBoolean() ? "Ping" : "Pong", true, random.nextInt(8), payload);
    }

    /** Empty, or a sendable code and a UTF-8 reason of up to 123 bytes. */
    private static Decoded randomClose(Random random) {
        if (random.nextInt(4) == 0) {
            return new Decoded("Close", true, random.nextInt(8), "");
        }
        int code = SENDABLE_CLOSE_CODES[random.nextInt(SENDABLE_CLOSE_CODES.length)];
        String reason = ByteBufUtil.hexDump(randomUtf8(random, random.nextInt(124)));
        return new Decoded("Close", true, random.nextInt(8), String.format("%04x", code) + reason);
    }

    private static List<byte[]> cut(byte[] stream, Split split, Random random) {
        int maxRead;
        switch (split) {
            case ONE_BYTE_READS:
                maxRead = 1;
                break;
            case ONE_READ:
                return List.of(stream);
            default:
                maxRead = new int[] {2, 16, 300, 5000, 70_000}[random.nextInt(5)];
        }
        List<byte[]> reads = new ArrayList<>();
        for (int offset = 0; offset < stream.length; ) {
            int length = Math.min(1 + random.nextInt(maxRead), stream.length - offset);
            reads.add(Arrays.copyOfRange(stream, offset, offset + length));
            offset += length;
        }
        return reads;
    }
}
