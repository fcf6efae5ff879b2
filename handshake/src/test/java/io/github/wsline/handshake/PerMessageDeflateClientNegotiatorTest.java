package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.drainOutbound;
import static io.github.wsline.handshake.HandshakeFixtures.readRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.PerMessageDeflate;
import io.github.wsline.testsupport.UpgradeResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client side of permessage-deflate (RFC 7692 §7): its offer, its checks on the server's answer (§7: the client
 * "MUST _Fail the WebSocket Connection_" on an invalid one), and compressed messages both ways with our own server.
 */
class PerMessageDeflateClientNegotiatorTest {
    private static final URI CHAT = URI.create("ws://server.example.com/chat");

    private WebSocketClientUpgradeHandler handshaker;
    private EmbeddedChannel client;
    private EmbeddedChannel server;

    @AfterEach
    void finish() {
        client.finishAndReleaseAll();
        if (server != null) {
            server.finishAndReleaseAll();
        }
    }

    private HandshakeFixtures.Received<?> connect(PerMessageDeflateClientNegotiator deflate) {
        handshaker = new WebSocketClientUpgradeHandler(WebSocketClientConfig.builder(CHAT).extensions(deflate).build());
        client = new EmbeddedChannel(new HttpClientCodec(), handshaker, new Recorder());
        return readRequest(client);
    }

    /** Connects with the default offer and answers 101 with {@code Sec-WebSocket-Extensions: extensions}. */
    private ChannelFuture connectAndAnswer(String extensions) {
        String key = connect(PerMessageDeflateClientNegotiator.builder().build()).headers().get("Sec-WebSocket-Key");
        UpgradeResponse response = UpgradeResponse.forKey(key);
        if (extensions != null) {
            response.headers("Sec-WebSocket-Extensions: " + extensions);
        }
        client.writeInbound(ascii(response.toString()));
        return handshaker.handshakeFuture();
    }

    // --- The offer ----------------------------------------------------------------------------------------------

    @Test
    void offerIsPlainByDefault() {
        var request = connect(PerMessageDeflateClientNegotiator.builder().build());

        assertEquals("permessage-deflate", request.headers().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void offerAsksForNoContextTakeoverWhenConfigured() {
        var request = connect(PerMessageDeflateClientNegotiator.builder()
                .serverNoContextTakeover(true).clientNoContextTakeover(true).build());

        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                request.headers().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void offerHasClientMaxWindowBitsWhenConfigured() {
        var request = connect(PerMessageDeflateClientNegotiator.builder().offerClientMaxWindowBits(true).build());

        assertEquals("permessage-deflate; client_max_window_bits", request.headers().get("Sec-WebSocket-Extensions"));
    }

    // --- Valid answers ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate",
        "permessage-deflate; server_no_context_takeover", // §7.1.1.1: the server may add it
        "permessage-deflate; client_no_context_takeover", // §7.1.1.2: likewise
        "permessage-deflate; server_max_window_bits=8", // §7.1.2.1: likewise; our Inflater takes any window
        "permessage-deflate; server_max_window_bits=\"15\"",
        "PerMessage-Deflate; Server_No_Context_Takeover",
    })
    void validAnswerInstallsTheExtension(String extensions) {
        assertTrue(connectAndAnswer(extensions).isSuccess());

        assertEquals(PerMessageDeflate.INFLATER_NAME, client.pipeline().names().get(1));
    }

    @Test
    void serverDecliningLeavesTheConnectionUncompressed() {
        assertTrue(connectAndAnswer(null).isSuccess());

        assertNull(client.pipeline().get(PerMessageDeflate.INFLATER_NAME));
    }

    @Test
    void clientMaxWindowBitsBelow15IsHonouredBySendingLongerMessagesUncompressed() {
        String key = connect(PerMessageDeflateClientNegotiator.builder().offerClientMaxWindowBits(true).build())
                .headers().get("Sec-WebSocket-Key");
        client.writeInbound(ascii(UpgradeResponse.forKey(key)
                .headers("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10").toString()));
        assertTrue(handshaker.handshakeFuture().isSuccess());

        client.writeOutbound(new TextWebSocketFrame("a".repeat(1000)), new TextWebSocketFrame("a".repeat(1025)));
        byte[] sent = drainOutbound(client);

        assertEquals(0xc1, sent[0] & 0xFF, "FIN+RSV1+Text: 1000 bytes fit a 2^10-byte window");
        int secondFrame = sent[1] & 0x7F; // the first frame is short: a 7-bit length, then the 4-byte mask key
        assertEquals(0x81, sent[2 + 4 + secondFrame] & 0xFF, "FIN+Text, uncompressed: 1025 bytes do not");
    }

    // --- Invalid answers fail the handshake ---------------------------------------------------------------------

    static Stream<Arguments> invalidAnswers() {
        String invalid = "Invalid permessage-deflate response: ";
        return Stream.of(
                Arguments.of("permessage-deflate; client_max_window_bits=15",
                        invalid + "client_max_window_bits was not offered."),
                Arguments.of("permessage-deflate; client_max_window_bits",
                        invalid + "client_max_window_bits needs a value."),
                Arguments.of("permessage-deflate; server_max_window_bits=16",
                        invalid + "server_max_window_bits must be 8 to 15, got '16'."),
                Arguments.of("permessage-deflate; server_max_window_bits=7",
                        invalid + "server_max_window_bits must be 8 to 15, got '7'."),
                Arguments.of("permessage-deflate; server_max_window_bits=x",
                        invalid + "server_max_window_bits must be 8 to 15, got 'x'."),
                Arguments.of("permessage-deflate; server_max_window_bits",
                        invalid + "server_max_window_bits needs a value."),
                Arguments.of("permessage-deflate; server_no_context_takeover=1",
                        invalid + "server_no_context_takeover takes no value, got '1'."),
                Arguments.of("permessage-deflate; mux=1",
                        invalid + "Unknown parameter mux."),
                Arguments.of("permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                        "Malformed Sec-WebSocket-Extensions: Parameter server_no_context_takeover twice in "
                                + "'permessage-deflate; server_no_context_takeover; server_no_context_takeover'."),
                Arguments.of("permessage-deflate, permessage-deflate",
                        "Server accepted extension 'permessage-deflate' twice."));
    }

    @ParameterizedTest
    @MethodSource("invalidAnswers")
    void invalidAnswerFailsTheHandshake(String extensions, String reason) {
        ChannelFuture handshake = connectAndAnswer(extensions);

        WebSocketClientHandshakeException failure =
                assertInstanceOf(WebSocketClientHandshakeException.class, handshake.cause());
        assertEquals(reason, failure.getMessage());
        assertEquals(101, failure.response().status().code());
        assertFalse(client.isOpen());
    }

    @Test
    void answerWithoutTheServerNoContextTakeoverAskedForFailsTheHandshake() {
        String key = connect(PerMessageDeflateClientNegotiator.builder().serverNoContextTakeover(true).build())
                .headers().get("Sec-WebSocket-Key");

        client.writeInbound(ascii(UpgradeResponse.forKey(key).headers("Sec-WebSocket-Extensions: permessage-deflate")
                .toString()));

        assertEquals("Invalid permessage-deflate response: server_no_context_takeover was asked for and not answered.",
                handshaker.handshakeFuture().cause().getMessage());
    }

    // --- With our own server ------------------------------------------------------------------------------------

    @Test
    void clientAndServerExchangeCompressedMessages() {
        Recorder chat = new Recorder();
        server = HandshakeFixtures.server(WebSocketServerConfig.builder().route("/chat", () -> chat)
                .extensions(PerMessageDeflateNegotiator.builder().compressionThreshold(0).build()).build());
        handshaker = new WebSocketClientUpgradeHandler(WebSocketClientConfig.builder(CHAT)
                .extensions(PerMessageDeflateClientNegotiator.builder().compressionThreshold(0).build()).build());
        client = new EmbeddedChannel(new HttpClientCodec(), handshaker, new Recorder());
        server.writeInbound(Unpooled.wrappedBuffer(drainOutbound(client))); // the request
        client.writeInbound(Unpooled.wrappedBuffer(drainOutbound(server))); // the 101
        assertTrue(handshaker.handshakeFuture().isSuccess());

        client.writeOutbound(new TextWebSocketFrame("Hello"));
        byte[] toServer = drainOutbound(client);
        server.writeInbound(Unpooled.wrappedBuffer(toServer));
        TextWebSocketFrame atServer = server.readInbound();
        server.writeOutbound(atServer); // echo
        byte[] toClient = drainOutbound(server);
        client.writeInbound(Unpooled.wrappedBuffer(toClient));
        TextWebSocketFrame atClient = client.readInbound();

        try {
            assertEquals(0xc1, toServer[0] & 0xFF, "FIN+RSV1+Text");
            assertEquals("c107f248cdc9c90700", ByteBufUtil.hexDump(toClient));
            assertEquals("Hello", atClient.text());
        } finally {
            atClient.release();
        }
    }
}
