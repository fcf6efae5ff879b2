package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.concat;
import static io.github.wsline.handshake.HandshakeFixtures.readRequest;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.server;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.testsupport.UpgradeResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extension hook (RFC 6455 §9.1) that permessage-deflate will use, on both sides. */
class ExtensionNegotiationTest {
    /** A masked Text frame "Hello" with RSV1 set, as a compressed message's first frame has it (RFC 7692 §6). */
    private static final byte[] MASKED_HELLO_WITH_RSV1 = ByteBufUtil.decodeHexDump("c18537fa213d7f9f4d5158");

    private final Recorder chat = new Recorder();
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private WebSocketServerConfig.Builder config() {
        return WebSocketServerConfig.builder().route("/chat", () -> chat);
    }

    @Test
    void negotiatorSeesOnlyTheOffersOfItsExtensionInTheClientsOrder() {
        FakeExtension.ServerSide fake = new FakeExtension.ServerSide("x-test", true);
        channel = server(config().extensions(fake).build());

        channel.writeInbound(ascii(upgradeRequest("/chat",
                "Sec-WebSocket-Extensions: x-unknown, x-test; level=2", "Sec-WebSocket-Extensions: X-Test")));

        assertEquals(List.of("x-test", "X-Test"), fake.offersSeen.stream().map(o -> o.name()).toList());
        assertEquals(Map.of("level", "2"), fake.offersSeen.get(0).parameters());
        readResponse(channel);
    }

    @Test
    void acceptedExtensionIsEchoedWithItsAgreedParametersAndUnknownOnesAreNot() {
        channel = server(config().extensions(new FakeExtension.ServerSide("x-test", true)).build());

        channel.writeInbound(ascii(upgradeRequest("/chat", "Sec-WebSocket-Extensions: x-unknown; a=1, x-test; level=2")));

        var response = readResponse(channel);
        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertEquals("x-test; level=2", response.headers().get("Sec-WebSocket-Extensions"));
        assertEquals("x-test", chat.first(WebSocketHandshakeCompleted.class).extensions().get(0).name());
    }

    @Test
    void acceptedExtensionsHandlersSitNextToTheCodec() {
        channel = server(config().extensions(new FakeExtension.ServerSide("x-test", true)).build());

        channel.writeInbound(ascii(upgradeRequest("/chat", "Sec-WebSocket-Extensions: x-test")));

        readResponse(channel);
        assertEquals(List.of(WebSocketConnectionHandler.DECODER_NAME, FakeExtension.HANDLER_NAME + "-x-test"),
                channel.pipeline().names().subList(0, 2));
    }

    @Test
    void acceptedExtensionsRsvBitIsAllowedByTheDecoder() {
        channel = server(config().extensions(new FakeExtension.ServerSide("x-test", true)).build());

        channel.writeInbound(concat(upgradeRequest("/chat", "Sec-WebSocket-Extensions: x-test"), MASKED_HELLO_WITH_RSV1));

        readResponse(channel);
        TextWebSocketFrame frame = channel.readInbound();
        try {
            assertEquals(WebSocketConfig.RSV1, frame.rsv());
            assertEquals("Hello", frame.text());
        } finally {
            frame.release();
        }
    }

    @Test
    void declinedExtensionIsNotEchoed() {
        channel = server(config().extensions(new FakeExtension.ServerSide("x-test", false)).build());

        channel.writeInbound(ascii(upgradeRequest("/chat", "Sec-WebSocket-Extensions: x-test")));

        assertFalse(readResponse(channel).headers().contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void extensionWantingAnRsvBitAlreadyTakenIsDeclined() {
        channel = server(config().extensions(
                new FakeExtension.ServerSide("x-test", true), new FakeExtension.ServerSide("x-other", true)).build());

        channel.writeInbound(ascii(upgradeRequest("/chat", "Sec-WebSocket-Extensions: x-other, x-test")));

        assertEquals("x-test", readResponse(channel).headers().get("Sec-WebSocket-Extensions"),
                "the server's order decides, and RSV1 can mean one thing only");
    }

    @Test
    void clientOffersItsExtensionsAndInstallsTheAcceptedOne() {
        WebSocketClientConfig config = WebSocketClientConfig.builder(URI.create("ws://server.example.com/chat"))
                .extensions(new FakeExtension.ClientSide())
                .build();
        WebSocketClientUpgradeHandler handshaker = new WebSocketClientUpgradeHandler(config);
        channel = new EmbeddedChannel(new HttpClientCodec(), handshaker);

        var request = readRequest(channel);
        assertEquals("x-test; level=2", request.headers().get("Sec-WebSocket-Extensions"));
        channel.writeInbound(ascii(UpgradeResponse.forKey(request.headers().get("Sec-WebSocket-Key"))
                .headers("Sec-WebSocket-Extensions: x-test; level=1").toString()));

        assertTrue(handshaker.handshakeFuture().isSuccess());
        assertEquals(FakeExtension.HANDLER_NAME + "-x-test", channel.pipeline().names().get(1));
    }
}
