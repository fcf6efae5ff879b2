package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.readDecoded;
import static io.github.wsline.codec.CodecTestSupport.rejectionCode;
import static io.github.wsline.codec.DeflateFixtures.ALWAYS;
import static io.github.wsline.codec.DeflateFixtures.config;
import static io.github.wsline.codec.DeflateFixtures.writeHex;
import static io.github.wsline.codec.DeflateFixtures.written;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.DeflateFixtures.Connections;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The native zlib streams behind permessage-deflate: created when first needed, ended on every path (the channel
 * closing, the handlers removed, a violation), and, without context takeover, not kept between messages. The
 * {@link Connections} extension also fails any test after which a stream was left unended.
 */
class ZlibLifecycleTest {
    private static final String COMPRESSED_HELLO = "c1 07 f2 48 cd c9 c9 07 00"; // FIN+RSV1+Text "Hello".

    @RegisterExtension
    final Connections connections = new Connections();

    /** A client that has received one compressed message and sent one. */
    private EmbeddedChannel clientAfterOneMessageEachWay(PerMessageDeflate deflate) {
        EmbeddedChannel client = connections.connection(CLIENT, deflate);
        writeHex(client, COMPRESSED_HELLO);
        readDecoded(client);
        client.writeOutbound(new TextWebSocketFrame("Hello"));
        written(client);
        return client;
    }

    @Test
    void installPutsTheInflaterAfterTheDecoderAndTheDeflaterAfterTheEncoder() {
        EmbeddedChannel server = connections.connection(SERVER, ALWAYS);

        assertEquals(List.of(WebSocketConnectionHandler.DECODER_NAME, PerMessageDeflate.INFLATER_NAME,
                        WebSocketConnectionHandler.ENCODER_NAME, PerMessageDeflate.DEFLATER_NAME),
                server.pipeline().names().subList(0, 4));
    }

    @Test
    void installRefusesACodecThatDoesNotAllowRsv1() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketConnectionHandler(WebSocketConfig.builder().build()));
        try {
            assertThrows(IllegalStateException.class, () -> ALWAYS.install(channel.pipeline()));
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void noStreamIsCreatedBeforeItIsNeeded() {
        EmbeddedChannel server = connections.connection(SERVER, PerMessageDeflate.builder().build()); // threshold 128

        server.writeOutbound(new TextWebSocketFrame("short")); // sent uncompressed
        written(server);

        assertEquals(0, connections.inflaters.size() + connections.deflaters.size());
    }

    @Test
    void withContextTakeoverOneStreamEachWayLivesAsLongAsTheConnection() {
        EmbeddedChannel client = clientAfterOneMessageEachWay(ALWAYS);
        writeHex(client, COMPRESSED_HELLO);
        readDecoded(client);

        assertEquals(1, connections.inflaters.size());
        assertEquals(2, connections.liveZlibStreams());
    }

    @Test
    void withoutContextTakeoverNoStreamIsKeptBetweenMessages() {
        clientAfterOneMessageEachWay(ALWAYS.toBuilder()
                .localNoContextTakeover(true).remoteNoContextTakeover(true).build());

        assertEquals(1, connections.inflaters.size());
        assertEquals(1, connections.deflaters.size());
        assertEquals(0, connections.liveZlibStreams());
    }

    @Test
    void streamsAreEndedWhenTheChannelCloses() {
        EmbeddedChannel client = clientAfterOneMessageEachWay(ALWAYS);

        client.close();

        assertEquals(0, connections.liveZlibStreams());
    }

    @Test
    void streamsAreEndedWhenTheHandlersAreRemoved() {
        EmbeddedChannel client = clientAfterOneMessageEachWay(ALWAYS);

        client.pipeline().remove(PerMessageDeflate.INFLATER_NAME);
        client.pipeline().remove(PerMessageDeflate.DEFLATER_NAME);

        assertEquals(0, connections.liveZlibStreams());
        assertTrue(client.isOpen());
    }

    @Test
    void inflaterIsEndedAtAViolation() {
        EmbeddedChannel client = connections.inflating(config(CLIENT).build(), false);
        writeHex(client, "41 03 f2 48 cd"); // RSV1+Text, not final: the inflater is mid-message.
        readDecoded(client);

        rejectionCode(client, "c0 04 c9 c9 07 00"); // RSV1 on the continuation.

        assertTrue(connections.inflaters.get(0).ended);
        assertTrue(client.isOpen(), "ended before the connection closes");
    }

    @Test
    void inflaterInTheMiddleOfAMessageIsEndedWhenTheChannelCloses() {
        EmbeddedChannel client = connections.connection(CLIENT, ALWAYS);
        writeHex(client, "41 03 f2 48 cd"); // A compressed message, not finished.
        readDecoded(client);
        assertFalse(connections.inflaters.get(0).ended);

        client.close();

        assertEquals(0, connections.liveZlibStreams());
    }
}
