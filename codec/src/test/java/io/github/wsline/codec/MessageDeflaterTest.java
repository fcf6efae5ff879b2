package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;
import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.readDecoded;
import static io.github.wsline.codec.DeflateFixtures.ALWAYS;
import static io.github.wsline.codec.DeflateFixtures.written;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.github.wsline.codec.DeflateFixtures.Connections;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending with permessage-deflate (RFC 7692 §6, §7.2.1): what is compressed, and how it is framed. Server role. */
class MessageDeflaterTest {
    @RegisterExtension
    final Connections connections = new Connections();

    private EmbeddedChannel server(PerMessageDeflate deflate) {
        return connections.connection(SERVER, deflate);
    }

    @Test
    void messageShorterThanTheThresholdIsSentUncompressed() {
        EmbeddedChannel server = server(PerMessageDeflate.builder().compressionThreshold(6).build());

        server.writeOutbound(new TextWebSocketFrame("Hello"));

        assertEquals("810548656c6c6f", hex(written(server))); // FIN+Text, no RSV1: "Hello" as it is.
    }

    @Test
    void messageOfTheThresholdIsCompressed() {
        EmbeddedChannel server = server(PerMessageDeflate.builder().compressionThreshold(5).build());

        server.writeOutbound(new TextWebSocketFrame("Hello"));

        assertEquals("c107f248cdc9c90700", hex(written(server))); // FIN+RSV1+Text: "Hello" compressed.
    }

    @Test
    void binaryMessageIsCompressedToo() {
        EmbeddedChannel server = server(ALWAYS);

        server.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer("Hello".getBytes(UTF_8))));

        assertEquals("c207f248cdc9c90700", hex(written(server))); // FIN+RSV1+Binary.
    }

    @Test
    void controlFramesAreNeverCompressed() {
        EmbeddedChannel server = server(ALWAYS);

        server.writeOutbound(new PingWebSocketFrame(Unpooled.wrappedBuffer("Hello".getBytes(UTF_8))));
        server.writeOutbound(new CloseWebSocketFrame(1000, null));

        assertEquals("890548656c6c6f" + "880203e8", hex(written(server))); // Ping "Hello", Close 1000.
    }

    @Test
    void fragmentedMessageHasRsv1OnItsFirstFrameOnly() {
        EmbeddedChannel server = server(ALWAYS);

        server.writeOutbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer("Hel".getBytes(UTF_8))));
        server.writeOutbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer("lo".getBytes(UTF_8))));
        byte[] wire = written(server);

        assertEquals(0x41, wire[0] & 0xFF, "RSV1+Text, not final");
        assertEquals(0x80, wire[2 + (wire[1] & 0x7F)] & 0xFF, "FIN+Continuation, no RSV1");
        assertEquals(List.of(Decoded.text(true, "Hello")), receivedByAClient(wire));
    }

    @Test
    void emptyLastFragmentIsSentAsAnEmptyBlockHeaderAndTheContextGoesOn() {
        EmbeddedChannel server = server(ALWAYS);

        server.writeOutbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer("Hello".getBytes(UTF_8))));
        server.writeOutbound(new ContinuationWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER));
        server.writeOutbound(new TextWebSocketFrame("Hello"));
        byte[] wire = written(server);

        String hex = hex(wire);
        assertEquals("800100", hex.substring(hex.indexOf("8001"), hex.indexOf("8001") + 6),
                "FIN+Continuation, 1 byte: an empty stored block's header, which the 00 00 ff ff appended completes");
        assertEquals(List.of(Decoded.text(true, "Hello"), Decoded.text(true, "Hello")), receivedByAClient(wire));
    }

    @Test
    void fragmentedMessageIsCompressedWhateverItsSize() {
        EmbeddedChannel server = server(PerMessageDeflate.builder().build()); // threshold 128

        server.writeOutbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer("Hel".getBytes(UTF_8))));
        server.writeOutbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer("lo".getBytes(UTF_8))));

        assertEquals(0x41, written(server)[0] & 0xFF, "the whole size is not known from the first fragment");
    }

    @Test
    void encodedBytesPassUntouched() {
        EmbeddedChannel server = server(ALWAYS);

        server.writeOutbound(Unpooled.wrappedBuffer(bytes("81 02 68 69"))); // Text "hi", encoded beforehand.

        assertEquals("81026869", hex(written(server)));
    }

    @Test
    void frameAlreadyCarryingRsv1PassesUntouched() {
        EmbeddedChannel server = server(ALWAYS);

        server.writeOutbound(new TextWebSocketFrame(true, WebSocketConfig.RSV1,
                Unpooled.wrappedBuffer(bytes("f2 48 cd c9 c9 07 00")))); // Compressed by the application.

        assertEquals("c107f248cdc9c90700", hex(written(server)));
    }

    @Test
    void clientCompressesThenMasks() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);
        EmbeddedChannel server = server(ALWAYS);

        client.writeOutbound(new TextWebSocketFrame("Hello"));
        byte[] wire = written(client);
        server.writeInbound(Unpooled.wrappedBuffer(wire));

        assertEquals(0xc1, wire[0] & 0xFF, "FIN+RSV1+Text");
        assertEquals(0x87, wire[1] & 0xFF, "masked, 7 bytes: the compressed length");
        assertEquals(List.of(Decoded.text(true, "Hello")), readDecoded(server));
    }

    private List<Decoded> receivedByAClient(byte[] wire) {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);
        client.writeInbound(Unpooled.wrappedBuffer(wire));
        return readDecoded(client);
    }
}
