package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.randomBytes;
import static io.github.wsline.codec.CodecTestSupport.randomUtf8;
import static io.github.wsline.codec.CodecTestSupport.readDecoded;
import static io.github.wsline.codec.CodecTestSupport.seed;
import static io.github.wsline.codec.DeflateFixtures.config;
import static io.github.wsline.codec.DeflateFixtures.written;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.github.wsline.codec.DeflateFixtures.Connections;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Property: random messages, written in random fragments, compressed by one end and read in random pieces by the
 * other, arrive as they were sent, both ways, with and without context takeover, aggregated or streamed. The seed is
 * fixed ({@code -Dwsline.seed} explores others).
 */
class DeflateRoundTripTest {
    private static final int MESSAGES = 40;
    private static final int THRESHOLD = 64;

    @RegisterExtension
    final Connections connections = new Connections();

    @ParameterizedTest(name = "noContextTakeover={0}, aggregate={1}")
    @CsvSource({"false, true", "true, true", "false, false", "true, false"})
    void randomMessagesArriveAsSent(boolean noContextTakeover, boolean aggregate) {
        long seed = seed();
        Random random = new Random(seed);
        PerMessageDeflate deflate = PerMessageDeflate.builder().compressionThreshold(THRESHOLD)
                .localNoContextTakeover(noContextTakeover).remoteNoContextTakeover(noContextTakeover).build();
        EmbeddedChannel client = connections.connection(config(CLIENT).aggregateMessages(aggregate).build(), deflate);
        EmbeddedChannel server = connections.connection(config(SERVER).aggregateMessages(aggregate).build(), deflate);

        int compressed = 0;
        for (int i = 0; i < MESSAGES; i++) {
            boolean toServer = random.nextBoolean();
            EmbeddedChannel sender = toServer ? client : server;
            EmbeddedChannel receiver = toServer ? server : client;
            boolean text = random.nextBoolean();
            byte[] message = randomMessage(random, text, i == 0);
            for (WebSocketFrame fragment : fragments(random, text, message)) {
                sender.writeOutbound(fragment);
            }
            byte[] wire = written(sender);
            compressed += (wire[0] & 0x40) != 0 ? 1 : 0;
            deliverInPieces(random, receiver, wire);

            String context = "seed " + seed + ", message " + i + " of " + message.length + " bytes";
            List<Decoded> frames = readDecoded(receiver);
            assertEquals(text ? "Text" : "Binary", frames.get(0).type(), context);
            assertTrue(frames.stream().allMatch(f -> f.rsv() == 0), context);
            assertEquals(CodecTestSupport.hex(message), joined(frames), context);
            assertEquals(aggregate ? 1 : frames.size(), frames.size(), context);
        }
        assertTrue(compressed > MESSAGES / 4, "enough messages were compressed to mean something: " + compressed);
    }

    /**
     * Sizes across the threshold, and the first message past the inflater's 64 KiB step; repetitive valid UTF-8, or
     * random bytes that do not compress.
     */
    private static byte[] randomMessage(Random random, boolean text, boolean first) {
        int[] sizes = {0, 1, THRESHOLD - 1, THRESHOLD, 200, 3000};
        int size = first ? 70_000 : random.nextInt(4) == 0 ? sizes[random.nextInt(sizes.length)] : random.nextInt(2000);
        if (!text && random.nextBoolean()) {
            return randomBytes(random, size);
        }
        byte[] words = randomUtf8(random, Math.min(size, 1 + random.nextInt(300)));
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (words.length > 0 && message.size() + words.length <= size) {
            message.writeBytes(words); // whole characters, repeated, so that it compresses
        }
        message.writeBytes(randomUtf8(random, size - message.size()));
        return message.toByteArray();
    }

    /** The message as 1 to 4 frames, split at random points (possibly empty fragments). */
    private static List<WebSocketFrame> fragments(Random random, boolean text, byte[] message) {
        int count = 1 + random.nextInt(4);
        int[] cuts = new int[count + 1];
        cuts[count] = message.length;
        for (int i = 1; i < count; i++) {
            cuts[i] = random.nextInt(message.length + 1);
        }
        Arrays.sort(cuts, 1, count);
        List<WebSocketFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean fin = i == count - 1;
            var payload = Unpooled.wrappedBuffer(Arrays.copyOfRange(message, cuts[i], cuts[i + 1]));
            frames.add(i > 0 ? new ContinuationWebSocketFrame(fin, 0, payload)
                    : text ? new TextWebSocketFrame(fin, 0, payload) : new BinaryWebSocketFrame(fin, 0, payload));
        }
        return frames;
    }

    private static void deliverInPieces(Random random, EmbeddedChannel receiver, byte[] wire) {
        for (int offset = 0; offset < wire.length; ) {
            int length = Math.min(wire.length - offset, 1 + random.nextInt(8192));
            receiver.writeInbound(receiver.alloc().buffer(length).writeBytes(wire, offset, length));
            offset += length;
        }
    }

    private static String joined(List<Decoded> frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Decoded frame : frames) {
            all.writeBytes(CodecTestSupport.bytes(frame.payloadHex()));
        }
        return CodecTestSupport.hex(all.toByteArray());
    }
}
