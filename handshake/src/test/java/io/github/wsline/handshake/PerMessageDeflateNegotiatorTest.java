package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.concat;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.server;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.codec.PerMessageDeflate;
import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.WireFrames;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server side of permessage-deflate negotiation (RFC 7692 §7.1): which offer is accepted, what the 101 answers,
 * and which offers are declined. A declined offer never fails the handshake: the connection goes on uncompressed.
 */
class PerMessageDeflateNegotiatorTest {

    private final Recorder chat = new Recorder();
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    /** A policy that takes the client's offer as it is, so that each parameter's effect shows alone. */
    private static PerMessageDeflateNegotiator.Builder contextTakeoverAllowed() {
        return PerMessageDeflateNegotiator.builder().serverNoContextTakeover(false).clientNoContextTakeover(false);
    }

    private WebSocketServerConfig config(PerMessageDeflateNegotiator deflate) {
        return WebSocketServerConfig.builder().route("/chat", () -> chat).extensions(deflate).build();
    }

    /** The server's {@code Sec-WebSocket-Extensions} for the client's, or null; the handshake itself succeeds. */
    private String answer(PerMessageDeflateNegotiator deflate, String offers) {
        channel = server(config(deflate));
        channel.writeInbound(ascii(upgradeRequest("/chat", "Sec-WebSocket-Extensions: " + offers)));
        var response = readResponse(channel);
        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        return response.headers().get("Sec-WebSocket-Extensions");
    }

    private String answer(String offers) {
        return answer(contextTakeoverAllowed().build(), offers);
    }

    // --- Accepted offers and the answer ------------------------------------------------------------------------

    @Test
    void plainOfferIsAnsweredWithoutContextTakeoverByDefault() {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                answer(PerMessageDeflateNegotiator.builder().build(), "permessage-deflate"));
    }

    @Test
    void plainOfferIsAnsweredAsItIsWhenContextTakeoverIsAllowed() {
        assertEquals("permessage-deflate", answer("permessage-deflate"));
    }

    @Test
    void serverNoContextTakeoverAskedForIsAnswered() {
        assertEquals("permessage-deflate; server_no_context_takeover",
                answer("permessage-deflate; server_no_context_takeover"));
    }

    @Test
    void clientNoContextTakeoverOfferedIsAnswered() {
        assertEquals("permessage-deflate; client_no_context_takeover",
                answer("permessage-deflate; client_no_context_takeover"));
    }

    @Test
    void serverMaxWindowBitsOf15IsAnswered() {
        assertEquals("permessage-deflate; server_max_window_bits=15",
                answer("permessage-deflate; server_max_window_bits=15"));
    }

    @Test
    void smallerServerWindowIsHonouredWithoutServerContextTakeover() {
        assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=9",
                answer("permessage-deflate; server_max_window_bits=9"));
    }

    /** Autobahn's section 13 offers every window from 8 to 15 bits, with and without context takeover either way. */
    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void everyServerWindowOfAutobahnsSection13IsAccepted(int bits) {
        for (String takeover : List.of("", "; server_no_context_takeover", "; client_no_context_takeover",
                "; server_no_context_takeover; client_no_context_takeover")) {
            String offer = "permessage-deflate; server_max_window_bits=" + bits + "; client_max_window_bits"
                    + takeover;
            NegotiatedDeflate accepted = (NegotiatedDeflate) contextTakeoverAllowed().build()
                    .negotiate(List.of(ExtensionHeaders.parse(List.of(offer)).get(0))).orElseThrow();

            assertEquals(bits, accepted.codec().localMaxWindowBits(), offer);
            assertEquals(String.valueOf(bits), accepted.agreed().parameters().get("server_max_window_bits"), offer);
        }
    }

    @Test
    void quotedValueIsReadAsItsToken() {
        assertEquals("permessage-deflate; server_max_window_bits=15",
                answer("permessage-deflate; server_max_window_bits=\"15\""));
    }

    @Test
    void clientMaxWindowBitsIsAcceptedAndNotLimitedByDefault() {
        assertEquals("permessage-deflate", answer("permessage-deflate; client_max_window_bits"));
    }

    @Test
    void clientMaxWindowBitsIsLimitedWhenThePolicyAsks() {
        assertEquals("permessage-deflate; client_max_window_bits=10",
                answer(contextTakeoverAllowed().clientMaxWindowBits(10).build(),
                        "permessage-deflate; client_max_window_bits"));
    }

    @Test
    void clientMaxWindowBitsOfferedBelowThePolicysIsKept() {
        assertEquals("permessage-deflate; client_max_window_bits=9",
                answer(contextTakeoverAllowed().clientMaxWindowBits(10).build(),
                        "permessage-deflate; client_max_window_bits=9"));
    }

    @Test
    void clientMaxWindowBitsIsNotAskedOfAClientThatDidNotOfferIt() {
        assertEquals("permessage-deflate",
                answer(contextTakeoverAllowed().clientMaxWindowBits(10).build(), "permessage-deflate"));
    }

    @Test
    void firstOfferThatCanBeHonouredIsTaken() {
        assertEquals("permessage-deflate; client_no_context_takeover", answer(
                "permessage-deflate; server_max_window_bits=16, " // above 15
                        + "permessage-deflate; server_no_context_takeover; server_no_context_takeover, " // twice
                        + "permessage-deflate; client_no_context_takeover, "
                        + "permessage-deflate"));
    }

    // --- Declined offers ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "server_max_window_bits=7", // below the RFC's 8
        "server_max_window_bits=16", // above 15
        "server_max_window_bits=abc",
        "server_max_window_bits=015", // "without leading zeroes"
        "server_max_window_bits", // needs a value
        "server_max_window_bits=",
        "client_max_window_bits=7",
        "client_max_window_bits=16",
        "client_max_window_bits=ten",
        "server_no_context_takeover=1", // takes no value
        "client_no_context_takeover=true",
        "mux_max_window_bits=10", // not defined by RFC 7692
        "server_no_context_takeover; server_no_context_takeover", // twice
        "server_no_context_takeover; Server_No_Context_Takeover",
        "client_max_window_bits; client_max_window_bits=10",
        "=10", // no name
    })
    void offerWithAnInvalidParameterIsDeclined(String parameters) {
        assertNull(answer("permessage-deflate; " + parameters));
    }

    @Test
    void policyRefusesValuesOutOfRange() {
        PerMessageDeflateNegotiator.Builder policy = PerMessageDeflateNegotiator.builder();

        assertThrows(IllegalArgumentException.class, () -> policy.clientMaxWindowBits(7));
        assertThrows(IllegalArgumentException.class, () -> policy.compressionLevel(10));
        assertThrows(IllegalArgumentException.class, () -> policy.compressionThreshold(-1));
    }

    // --- After the 101 --------------------------------------------------------------------------------------------

    @Test
    void inflaterAndDeflaterSitNextToTheDecoderAndTheEncoder() {
        answer("permessage-deflate");

        assertEquals(List.of(WebSocketConnectionHandler.DECODER_NAME, PerMessageDeflate.INFLATER_NAME,
                        WebSocketConnectionHandler.ENCODER_NAME, PerMessageDeflate.DEFLATER_NAME,
                        ProtocolSwitch.PROTOCOL_HANDLER_NAME, WebSocketConnectionHandler.AGGREGATOR_NAME,
                        WebSocketUpgradeHandler.APPLICATION_HANDLER_NAME),
                channel.pipeline().names().subList(0, 7));
    }

    @Test
    void compressedFrameBehindTheRequestIsInflated() {
        channel = server(config(PerMessageDeflateNegotiator.builder().build()));

        channel.writeInbound(concat(upgradeRequest("/chat", "Sec-WebSocket-Extensions: permessage-deflate"),
                // FIN+RSV1+Text, masked with a zero key, 7 bytes: "Hello" compressed (RFC 7692 §7.2.3).
                ByteBufUtil.decodeHexDump("c18700000000f248cdc9c90700")));

        readResponse(channel);
        TextWebSocketFrame frame = channel.readInbound();
        try {
            assertEquals("Hello", frame.text());
            assertEquals(0, frame.rsv());
        } finally {
            frame.release();
        }
    }

    @Test
    void applicationsMessagesAreSentCompressed() {
        answer(PerMessageDeflateNegotiator.builder().compressionThreshold(0).build(), "permessage-deflate");

        channel.writeOutbound(new TextWebSocketFrame("Hello"));

        assertEquals("c107f248cdc9c90700", ByteBufUtil.hexDump(HandshakeFixtures.drainOutbound(channel)));
    }

    @Test
    void withASmallerServerWindowOnlyMessagesThatFitItAreSentCompressed() {
        answer(PerMessageDeflateNegotiator.builder().compressionThreshold(0).build(),
                "permessage-deflate; server_max_window_bits=8"); // 256 bytes

        channel.writeOutbound(new TextWebSocketFrame("a".repeat(256)), new TextWebSocketFrame("a".repeat(257)));

        List<Frame> frames = WireFrames.parse(HandshakeFixtures.drainOutbound(channel));
        assertEquals(WebSocketConfig.RSV1, frames.get(0).rsv(), "compressed");
        assertEquals(0, frames.get(1).rsv(), "longer than the window: sent as it is");
        assertEquals("a".repeat(257), frames.get(1).text());
    }
}
