package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.readDecoded;
import static io.github.wsline.codec.CodecTestSupport.rejectionCode;
import static io.github.wsline.codec.CodecTestSupport.utf8Hex;
import static io.github.wsline.codec.DeflateFixtures.ALWAYS;
import static io.github.wsline.codec.DeflateFixtures.closeCode;
import static io.github.wsline.codec.DeflateFixtures.config;
import static io.github.wsline.codec.DeflateFixtures.frame;
import static io.github.wsline.codec.DeflateFixtures.writeHex;
import static io.github.wsline.codec.DeflateFixtures.written;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.github.wsline.codec.DeflateFixtures.Connections;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Receiving compressed messages (RFC 7692 §6, §7.2.2): what is inflated, what is refused with which close code, and a
 * decompression bomb stopped after at most the message limit. The client role, so that fixtures are unmasked.
 */
class MessageInflaterTest {
    private static final int KIB = 1024;
    /** 64 MiB of zeros compressed at level 9: about 64 KiB on the wire, 1000 times that inflated. */
    private static final byte[] BOMB = zeroBomb(64);

    @RegisterExtension
    final Connections connections = new Connections();

    private EmbeddedChannel client() {
        return connections.inflating(config(CLIENT).build(), false);
    }

    private EmbeddedChannel client(int maxMessageSize) {
        return connections.inflating(config(CLIENT).maxMessageSize(maxMessageSize).build(), false);
    }

    // --- RSV1 where it does not belong: 1002 ------------------------------------------------------------------

    @Test
    void rsv1OnAContinuationIsAProtocolError() {
        EmbeddedChannel client = client();
        writeHex(client, "41 03 f2 48 cd"); // RSV1+Text, not final.
        readDecoded(client);

        assertEquals(1002, rejectionCode(client, "c0 04 c9 c9 07 00")); // Continuation with RSV1.
    }

    @Test
    void rsv1OnAContinuationOfAnUncompressedMessageIsAProtocolError() {
        EmbeddedChannel client = client();
        writeHex(client, "01 02 48 65"); // Text "He", not final, uncompressed.
        readDecoded(client);

        assertEquals(1002, rejectionCode(client, "c0 03 6c 6c 6f")); // Continuation "llo" with RSV1.
    }

    @Test
    void rsv1OnAPingIsAProtocolError() {
        assertEquals(1002, rejectionCode(client(), "c9 00")); // FIN+RSV1+Ping, empty.
    }

    @Test
    void rsv1OnACloseIsAProtocolError() {
        assertEquals(1002, rejectionCode(client(), "c8 02 03 e8")); // FIN+RSV1+Close 1000.
    }

    @Test
    void dataThatDoesNotInflateIsAProtocolError() {
        assertEquals(1002, rejectionCode(client(), "c1 01 ff")); // BTYPE 11, a reserved block type.
    }

    // --- UTF-8 of inflated Text messages: 1007 ------------------------------------------------------------------

    @Test
    void invalidUtf8InACompressedTextIsInvalidPayload() {
        assertEquals(1007, rejectionCode(client(), "c1 07 f2 48 cd c9 f9 0f 00")); // "Hell" and 0xFF, compressed.
    }

    @Test
    void compressedTextEndingInsideACharacterIsInvalidPayload() {
        assertEquals(1007, rejectionCode(client(), "c1 04 7a d4 04 00")); // E2 82, two of the three bytes of "€".
    }

    @Test
    void invalidUtf8InAFragmentIsFoundBeforeTheMessageEnds() {
        EmbeddedChannel client = client();

        assertEquals(1007, rejectionCode(client, "41 07 f2 48 cd c9 f9 0f 00")); // Same bytes, not final.
    }

    @Test
    void compressedBinaryNeedNotBeUtf8() {
        EmbeddedChannel client = client();

        writeHex(client, "c2 07 f2 48 cd c9 f9 0f 00"); // RSV1+Binary: "Hell" and 0xFF, compressed.

        assertEquals(List.of(Decoded.frame("Binary", true, "48656c6cff")), readDecoded(client));
    }

    // --- Size: 1009, decided while inflating --------------------------------------------------------------------

    @Test
    void bombIsRefusedAfterInflatingNoMoreThanTheLimit() {
        EmbeddedChannel client = client(128 * KIB); // the bomb's 64 KiB on the wire are within the limit

        assertEquals(1009, rejectionCode(client, hex(frame(0xc2, BOMB)))); // RSV1+Binary: 64 MiB of zeros.

        assertEquals(128 * KIB + 1, connections.inflaters.get(0).inflatedBeforeEnd,
                "inflating stops one byte past the limit, which tells that the message is too big");
    }

    @Test
    void bombInSmallFragmentsIsRefusedOnceTheyAddUpToTheLimit() {
        EmbeddedChannel client = client(64 * KIB);
        int delivered = 0;
        int offset = 0;
        int code = 0;
        for (boolean first = true; code == 0; first = false, offset += 16) {
            byte[] piece = Arrays.copyOfRange(BOMB, offset, offset + 16);
            try {
                client.writeInbound(client.alloc().buffer().writeBytes(frame(first ? 0x42 : 0x00, piece)));
                delivered += readDecoded(client).size();
            } catch (CorruptedWebSocketFrameException e) {
                code = e.closeStatus().code();
            }
        }

        assertEquals(1009, code);
        assertTrue(delivered >= 2, "fragments within the limit are delivered as they inflate: " + delivered);
        assertTrue(offset < 256, "refused after " + offset + " compressed bytes");
    }

    @Test
    void fragmentsAddingUpToMoreThanTheLimitAreRefused() {
        EmbeddedChannel client = client(64 * KIB);
        byte[][] pieces = syncFlushedPieces(40 * KIB, 40 * KIB); // 80 KiB in two fragments of 40.
        writeHex(client, hex(frame(0x42, pieces[0]))); // RSV1+Binary, not final.
        assertEquals(1, readDecoded(client).size());

        assertEquals(1009, rejectionCode(client, hex(frame(0x80, pieces[1])))); // Final continuation.
    }

    @Test
    void messageOfExactlyTheLimitIsDelivered() {
        EmbeddedChannel client = client(1000);

        writeHex(client, hex(frame(0xc2, DeflateFixtures.deflate(new byte[1000], 6))));

        assertEquals(1000, readDecoded(client).get(0).payloadHex().length() / 2);
    }

    @Test
    void messageOneByteOverTheLimitIsRefused() {
        assertEquals(1009, rejectionCode(client(1000), hex(frame(0xc2, DeflateFixtures.deflate(new byte[1001], 6)))));
    }

    // --- What passes, and what follows a violation ---------------------------------------------------------------

    @Test
    void uncompressedMessagesPassUntouched() {
        EmbeddedChannel client = client();

        writeHex(client, "81 05 48 65 6c 6c 6f"); // Text "Hello", no RSV1.
        writeHex(client, "01 02 48 65"); // Text "He", not final, no RSV1.
        writeHex(client, "80 03 6c 6c 6f"); // Continuation "llo".

        assertEquals(List.of(Decoded.text(true, "Hello"), Decoded.text(false, "He"),
                Decoded.frame("Continuation", true, utf8Hex("llo"))), readDecoded(client));
    }

    @Test
    void uncompressedMessageLeavesTheContextAlone() {
        EmbeddedChannel client = client();

        writeHex(client, "c1 07 f2 48 cd c9 c9 07 00"); // "Hello", compressed.
        writeHex(client, "81 02 48 69"); // "Hi", uncompressed.
        writeHex(client, "c1 05 f2 00 11 00 00"); // "Hello" again, referring to the first.

        assertEquals(List.of(Decoded.text(true, "Hello"), Decoded.text(true, "Hi"), Decoded.text(true, "Hello")),
                readDecoded(client));
    }

    @Test
    void framesAfterAViolationAreDropped() {
        EmbeddedChannel client = client();
        rejectionCode(client, "c9 00"); // RSV1 on a Ping.

        writeHex(client, "c1 07 f2 48 cd c9 c9 07 00 89 00"); // A compressed "Hello" and a Ping.

        assertEquals(List.of(), readDecoded(client));
    }

    // --- Through the protocol handler: one Close frame with the code -----------------------------------------------

    @Test
    void rsv1OnAPingClosesTheConnectionWith1002() {
        EmbeddedChannel server = connections.connection(SERVER, ALWAYS);

        writeHex(server, "c9 80 00 00 00 00"); // FIN+RSV1+Ping, masked with a zero key.

        assertEquals(1002, closeCode(written(server)));
        assertFalse(server.isOpen());
    }

    @Test
    void bombClosesTheConnectionWith1009() {
        EmbeddedChannel server = connections.connection(config(SERVER).maxMessageSize(128 * KIB).build(), ALWAYS);

        byte[] header = DeflateFixtures.header(0xc2, BOMB.length);
        header[1] |= (byte) 0x80; // masked with a zero key: the payload reads as it is
        writeHex(server, hex(header) + "00000000" + hex(BOMB));

        assertEquals(1009, closeCode(written(server)));
        assertFalse(server.isOpen());
        assertEquals(List.of(), readDecoded(server));
    }

    /** Raw DEFLATE of {@code mebibytes} MiB of zeros at level 9, tail cut: 1 GiB would be about 1 MiB. */
    private static byte[] zeroBomb(int mebibytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] zeros = new byte[1024 * KIB];
            byte[] chunk = new byte[64 * KIB];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < mebibytes; i++) {
                deflater.setInput(zeros);
                while (!deflater.needsInput()) {
                    out.write(chunk, 0, deflater.deflate(chunk));
                }
            }
            deflater.setInput(new byte[0]);
            int written;
            do {
                written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.write(chunk, 0, written);
            } while (written == chunk.length);
            byte[] all = out.toByteArray();
            return Arrays.copyOf(all, all.length - 4);
        } finally {
            deflater.end();
        }
    }

    /** One compressed stream of zeros, sync-flushed after each piece, so each fragment inflates to its own size. */
    private static byte[][] syncFlushedPieces(int... sizes) {
        Deflater deflater = new Deflater(6, true);
        try {
            byte[][] pieces = new byte[sizes.length][];
            byte[] chunk = new byte[256 * KIB];
            for (int i = 0; i < sizes.length; i++) {
                deflater.setInput(new byte[sizes[i]]);
                int length = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                boolean last = i == sizes.length - 1;
                pieces[i] = Arrays.copyOf(chunk, last ? length - 4 : length);
            }
            return pieces;
        } finally {
            deflater.end();
        }
    }
}
