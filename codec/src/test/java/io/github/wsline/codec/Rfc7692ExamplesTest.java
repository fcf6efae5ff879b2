package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.readDecoded;
import static io.github.wsline.codec.CodecTestSupport.utf8Hex;
import static io.github.wsline.codec.DeflateFixtures.ALWAYS;
import static io.github.wsline.codec.DeflateFixtures.config;
import static io.github.wsline.codec.DeflateFixtures.writeHex;
import static io.github.wsline.codec.DeflateFixtures.written;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.github.wsline.codec.DeflateFixtures.Connections;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples of RFC 7692 §7.2.3, byte for byte: what a server sends (unmasked, so the bytes are the RFC's), and what
 * a client makes of what it receives.
 */
class Rfc7692ExamplesTest {
    @RegisterExtension
    final Connections connections = new Connections();

    private static Decoded text(String text) {
        return Decoded.text(true, text);
    }

    // --- Sending ----------------------------------------------------------------------------------------------

    @Test
    void helloIsSentCompressedWithRsv1() {
        EmbeddedChannel server = connections.connection(SERVER, ALWAYS);

        server.writeOutbound(new TextWebSocketFrame("Hello"));

        assertEquals("c107f248cdc9c90700", hex(written(server))); // FIN+RSV1+Text, 7 bytes: "Hello" compressed.
    }

    @Test
    void helloSentAgainWithContextTakeoverRefersToTheFirst() {
        EmbeddedChannel server = connections.connection(SERVER, ALWAYS);
        server.writeOutbound(new TextWebSocketFrame("Hello"));
        written(server);

        server.writeOutbound(new TextWebSocketFrame("Hello"));

        assertEquals("c105f200110000", hex(written(server))); // "Sharing LZ77 Sliding Window": a back-reference.
    }

    @Test
    void helloSentAgainWithoutContextTakeoverIsCompressedAfresh() {
        PerMessageDeflate noContextTakeover = ALWAYS.toBuilder().localNoContextTakeover(true).build();
        EmbeddedChannel server = connections.connection(SERVER, noContextTakeover);
        server.writeOutbound(new TextWebSocketFrame("Hello"));
        written(server);

        server.writeOutbound(new TextWebSocketFrame("Hello"));

        assertEquals("c107f248cdc9c90700", hex(written(server)));
    }

    @Test
    void emptyMessageIsSentAsOneByte() {
        EmbeddedChannel server = connections.connection(SERVER, ALWAYS);

        server.writeOutbound(new TextWebSocketFrame(Unpooled.EMPTY_BUFFER));

        assertEquals("c10100", hex(written(server))); // An empty stored block's header, the rest left off.
    }

    // --- Receiving --------------------------------------------------------------------------------------------

    @Test
    void compressedHelloIsDeliveredInflatedWithoutRsv1() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);

        writeHex(client, "c1 07 f2 48 cd c9 c9 07 00"); // "A Message Compressed Using 1 Compressed DEFLATE Block".

        assertEquals(List.of(text("Hello")), readDecoded(client));
    }

    @Test
    void secondHelloInflatesWithTheFirstAsContext() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);

        writeHex(client, "c1 07 f2 48 cd c9 c9 07 00"); // "Hello".
        writeHex(client, "c1 05 f2 00 11 00 00"); // "Hello" again: a back-reference into the first message.

        assertEquals(List.of(text("Hello"), text("Hello")), readDecoded(client));
    }

    @Test
    void helloInAStoredBlockInflates() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);

        writeHex(client, "c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"); // "Using a DEFLATE Block with No Compression".

        assertEquals(List.of(text("Hello")), readDecoded(client));
    }

    @Test
    void helloInAFinalBlockInflates() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);

        writeHex(client, "c1 08 f3 48 cd c9 c9 07 00 00"); // "Using a DEFLATE Block with BFINAL Set to 1".
        writeHex(client, "c1 07 f2 48 cd c9 c9 07 00"); // A new stream follows the ended one.

        assertEquals(List.of(text("Hello"), text("Hello")), readDecoded(client));
    }

    @Test
    void helloInTwoBlocksInflates() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);

        writeHex(client, "c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00"); // "Two DEFLATE Blocks in 1 Message".

        assertEquals(List.of(text("Hello")), readDecoded(client));
    }

    @Test
    void fragmentedCompressedHelloIsDeliveredWhole() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);

        writeHex(client, "41 03 f2 48 cd"); // RSV1+Text, not final: the first 3 compressed bytes.
        writeHex(client, "80 04 c9 c9 07 00"); // Final continuation, no RSV1: the other 4.

        assertEquals(List.of(text("Hello")), readDecoded(client));
    }

    @Test
    void fragmentedCompressedHelloIsStreamedAsItInflates() {
        EmbeddedChannel client = connections.connection(config(CLIENT).aggregateMessages(false).build(), ALWAYS);

        writeHex(client, "41 03 f2 48 cd");
        writeHex(client, "80 04 c9 c9 07 00");

        assertEquals(List.of(Decoded.text(false, "He"), Decoded.frame("Continuation", true, utf8Hex("llo"))),
                readDecoded(client));
    }

    @Test
    void compressedEmptyMessageInflatesToNothing() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);

        writeHex(client, "c1 01 00"); // An empty message: the header of an empty stored block.

        assertEquals(List.of(text("")), readDecoded(client));
    }
}
