package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.randomBytes;
import static io.github.wsline.codec.CodecTestSupport.readDecoded;
import static io.github.wsline.codec.CodecTestSupport.seed;
import static io.github.wsline.codec.DeflateFixtures.config;
import static io.github.wsline.codec.DeflateFixtures.frame;
import static io.github.wsline.codec.DeflateFixtures.header;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.github.wsline.codec.DeflateFixtures.Connections;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits of compressed messages (RFC 7692): {@code maxMessageSize} counts the inflated bytes only, and a frame of a
 * compressed message may be longer than {@code maxFramePayloadLength} by deflate's worst-case expansion, so that a
 * message of the limit gets through compressed, random data included. The defaults (1 MiB each), the client role so
 * that fixtures are unmasked.
 */
class CompressedLimitsTest {
    private static final int LIMIT = WebSocketConfig.DEFAULT_MAX_MESSAGE_SIZE;
    /** 1 MiB, and 5 bytes for each of its 8,257 stored blocks of 127 bytes and for the sync flush's empty block. */
    private static final int COMPRESSED_FRAME_LIMIT = LIMIT + 5 * 8257 + 5;

    @RegisterExtension
    final Connections connections = new Connections();
    private final Random random = new Random(seed());

    private EmbeddedChannel client() {
        return connections.inflating(config(CLIENT).build(), false);
    }

    @Test
    void compressedFrameLimitIsTheFrameLimitAndFiveBytesPerSmallestStoredBlockAndTheSyncFlush() {
        assertEquals(COMPRESSED_FRAME_LIMIT, CompressedFrameLimit.of(LIMIT));
        assertEquals(1 + 5 + 5, CompressedFrameLimit.of(1));
        assertEquals(127 + 5 + 5, CompressedFrameLimit.of(127));
        assertEquals(128 + 10 + 5, CompressedFrameLimit.of(128));
        assertEquals(Integer.MAX_VALUE, CompressedFrameLimit.of(Integer.MAX_VALUE));
    }

    @Test
    void randomMessageOfTheLimitCompressedInOneFrameIsDelivered() {
        byte[] message = randomBytes(random, LIMIT);
        byte[] compressed = DeflateFixtures.deflate(message, 6);
        EmbeddedChannel client = client();

        client.writeInbound(client.alloc().buffer().writeBytes(frame(0xc2, compressed)));

        assertEquals(List.of(Decoded.frame("Binary", true, CodecTestSupport.hex(message))), readDecoded(client),
                "compressed to " + compressed.length + " bytes");
    }

    @Test
    void randomMessageOfTheLimitCompressedInFragmentsIsDelivered() {
        byte[] message = randomBytes(random, LIMIT);
        EmbeddedChannel client = client();

        for (byte[] frame : syncFlushedFragments(message, 4)) {
            client.writeInbound(client.alloc().buffer().writeBytes(frame));
        }

        assertArrayEquals(message, payloads(readDecoded(client)));
    }

    @Test
    void messageOfTheLimitInTheSmallestStoredBlocksFillsTheCompressedFrameLimitExactly() {
        byte[] message = randomBytes(random, LIMIT);
        byte[] first = concat(storedBlocks(message, CompressedFrameLimit.SMALLEST_STORED_BLOCK),
                CodecTestSupport.bytes("00 00 00 ff ff")); // the sync flush, kept on a fragment that is not the last
        EmbeddedChannel client = client();

        client.writeInbound(client.alloc().buffer().writeBytes(frame(0x42, first))); // RSV1+Binary, not final
        client.writeInbound(client.alloc().buffer().writeBytes(frame(0x80, new byte[1]))); // the flush, tail cut

        assertEquals(COMPRESSED_FRAME_LIMIT, first.length);
        assertArrayEquals(message, payloads(readDecoded(client)));
    }

    @Test
    void randomMessageOneByteOverTheLimitIsRefusedOnceInflated() {
        byte[] compressed = DeflateFixtures.deflate(randomBytes(random, LIMIT + 1), 6);

        CorruptedWebSocketFrameException refusal = refusal(client(), frame(0xc2, compressed));

        assertEquals(1009, refusal.closeStatus().code());
        assertEquals("Message exceeds 1048576 bytes.", refusal.getMessage());
    }

    @Test
    void compressedFrameOfTheCompressedFrameLimitIsAccepted() {
        EmbeddedChannel client = client();

        client.writeInbound(client.alloc().buffer().writeBytes(header(0xc2, COMPRESSED_FRAME_LIMIT)));

        assertEquals(List.of(), readDecoded(client), "the header is accepted; the payload is awaited");
    }

    @Test
    void compressedFrameOneByteOverTheCompressedFrameLimitIsRefused() {
        CorruptedWebSocketFrameException refusal = refusal(client(), header(0xc2, COMPRESSED_FRAME_LIMIT + 1));

        assertEquals(1009, refusal.closeStatus().code());
        assertEquals("Frame payload exceeds " + COMPRESSED_FRAME_LIMIT + " bytes.", refusal.getMessage());
    }

    @Test
    void continuationOfACompressedMessageHasTheCompressedFrameLimit() {
        EmbeddedChannel client = client();
        client.writeInbound(client.alloc().buffer().writeBytes(frame(0x42, CodecTestSupport.bytes("f2 48 05 00"))));
        readDecoded(client);

        CorruptedWebSocketFrameException refusal = refusal(client, header(0x80, COMPRESSED_FRAME_LIMIT + 1));

        assertEquals("Frame payload exceeds " + COMPRESSED_FRAME_LIMIT + " bytes.", refusal.getMessage());
    }

    @Test
    void uncompressedFrameKeepsTheFrameLimit() {
        CorruptedWebSocketFrameException refusal = refusal(client(), header(0x82, LIMIT + 1));

        assertEquals("Frame payload exceeds 1048576 bytes.", refusal.getMessage());
    }

    private static CorruptedWebSocketFrameException refusal(EmbeddedChannel client, byte[] bytes) {
        CorruptedWebSocketFrameException refusal = assertThrows(CorruptedWebSocketFrameException.class,
                () -> client.writeInbound(client.alloc().buffer().writeBytes(bytes)));
        readDecoded(client);
        return refusal;
    }

    /** Raw DEFLATE made of stored blocks of {@code blockSize} bytes (RFC 1951 §3.2.4), as zlib sends random data. */
    private static byte[] storedBlocks(byte[] data, int blockSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < data.length; offset += blockSize) {
            int length = Math.min(blockSize, data.length - offset);
            out.write(0); // BFINAL 0, BTYPE 00 (stored), padded to the byte
            out.write(length);
            out.write(length >>> 8);
            out.write(~length);
            out.write(~length >>> 8);
            out.write(data, offset, length);
        }
        return out.toByteArray();
    }

    /**
     * {@code message} compressed in {@code count} fragments, as Node's {@code ws} sends a message in pieces: each piece
     * deflated and sync-flushed, the {@code 00 00 ff ff} cut from the last (§7.2.1); RSV1 on the first frame only.
     */
    private static List<byte[]> syncFlushedFragments(byte[] message, int count) {
        Deflater deflater = new Deflater(6, true);
        try {
            byte[][] frames = new byte[count][];
            byte[] chunk = new byte[2 * message.length];
            int pieceLength = message.length / count;
            for (int i = 0; i < count; i++) {
                boolean last = i == count - 1;
                deflater.setInput(message, i * pieceLength, last ? message.length - i * pieceLength : pieceLength);
                int length = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                int b0 = (last ? 0x80 : 0) | (i == 0 ? 0x42 : 0);
                frames[i] = frame(b0, Arrays.copyOf(chunk, last ? length - 4 : length));
            }
            return List.of(frames);
        } finally {
            deflater.end();
        }
    }

    private static byte[] payloads(List<Decoded> frames) {
        StringBuilder hex = new StringBuilder();
        frames.forEach(frame -> hex.append(frame.payloadHex()));
        return CodecTestSupport.bytes(hex.toString());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
