package io.github.wsline.testkit.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.handshake.WebSocketClientConfig;
import io.github.wsline.handshake.WebSocketClientUpgradeHandler;
import io.github.wsline.testkit.RawFrame;
import io.github.wsline.testkit.ReceivedFrame;
import io.github.wsline.testkit.WebSocketTestServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpClientCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scripted server against the WebSocket clients a Netty application is built on. */
class ClientScenarioTest {
    static Stream<ClientPipeline> clients() {
        return Stream.of(ClientPipeline.wsline(), ClientPipeline.netty(), ClientPipeline.wslineDropIn());
    }

    private static WebSocketTestServer upgraded(ClientPipeline client) {
        WebSocketTestServer server = WebSocketTestServer.accept(client.initializer());
        assertEquals("/chat", server.upgradeRequest().uri());
        server.acceptHandshake();
        assertTrue(client.handshake().isSuccess(), "the client's handshake succeeded");
        return server;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void clientAnswersWhatTheServerSends(ClientPipeline client) {
        try (WebSocketTestServer server = upgraded(client)) {
            server.sendText("hello");
            assertEquals("HELLO", server.readText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void refusedHandshakeFailsTheClientsHandshake(ClientPipeline client) {
        try (WebSocketTestServer server = WebSocketTestServer.accept(client.initializer())) {
            server.refuseHandshake(403);
            assertFalse(client.handshake().isSuccess());
            assertTrue(client.handshake().isDone());
            assertFalse(server.clientChannel().isOpen());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void clientGivesUpWhenNoAnswerComesWithinItsHandshakeTimeout(ClientPipeline client) {
        try (WebSocketTestServer server = WebSocketTestServer.accept(client.initializer())) {
            server.upgradeRequest();
            server.advanceTime(Duration.ofMillis(9_999));
            server.expectConnectionOpen();
            server.advanceTime(Duration.ofMillis(1)); // both clients wait 10 s by default
            assertFalse(client.handshake().isSuccess());
            assertTrue(client.handshake().isDone());
            server.expectConnectionClosed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void broken101WithTheWrongAcceptIsRefusedByTheClient(ClientPipeline client) {
        try (WebSocketTestServer server = WebSocketTestServer.accept(client.initializer())) {
            server.answerHandshake("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"); // RFC 6455's example, not this key's
            assertFalse(client.handshake().isSuccess());
            assertTrue(client.handshake().isDone());
            server.expectConnectionClosed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void serverCloseWithACodeEndsTheConnection(ClientPipeline client) {
        try (WebSocketTestServer server = upgraded(client)) {
            server.sendClose(1001, "going away");
            if (client.echoesClose()) {
                assertEquals("going away", server.expectClose(1001).closeReason());
                server.dropConnection(); // RFC 6455 §7.1.1: the server closes TCP first
            } else {
                server.expectConnectionClosed();
            }
            assertFalse(server.clientChannel().isOpen());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void maskedFrameFromTheServerEndsTheConnection(ClientPipeline client) {
        try (WebSocketTestServer server = upgraded(client)) {
            server.send(RawFrame.text("hello").masked(true));
            server.expectClose(client.violationCloseCode()); // 1002 (RFC 6455 §7.4.1), but see ClientPipeline.netty
            server.expectConnectionClosed();
        }
    }

    static Stream<ClientPipeline> compressingClients() {
        return Stream.of(ClientPipeline.wslineCompressing(), ClientPipeline.nettyCompressing());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressingClients")
    void compressedExchangeWithAClientThatOffersDeflate(ClientPipeline client) {
        String text = "compress me ".repeat(100);
        try (WebSocketTestServer server = WebSocketTestServer.accept(client.initializer())) {
            assertTrue(server.upgradeRequest().headers().get("Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
            server.acceptHandshake("Sec-WebSocket-Extensions: permessage-deflate");
            server.sendText(text).sendText(text); // compressed, the second against the first as a dictionary
            for (int i = 0; i < 2; i++) {
                ReceivedFrame reply = server.readMessage();
                assertEquals(4, reply.rsv(), "RSV1: the reply came compressed");
                assertEquals(text.toUpperCase(Locale.ROOT), reply.text());
            }
        }
    }

    @Test
    void clientHandlersWithoutAnInitializer() {
        WebSocketClientUpgradeHandler upgrade =
                new WebSocketClientUpgradeHandler(WebSocketClientConfig.builder(ClientPipeline.URI_).build());
        try (WebSocketTestServer server = WebSocketTestServer.accept(new HttpClientCodec(), upgrade)) {
            server.acceptHandshake();
            assertTrue(upgrade.handshakeFuture().isSuccess());
        }
    }

    @Test
    void aClientThatSendsBeforeThe101FailsAcceptHandshake() {
        ChannelInboundHandlerAdapter eager = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.write(Unpooled.copiedBuffer("GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n", StandardCharsets.US_ASCII));
                ctx.writeAndFlush(Unpooled.wrappedBuffer(RawFrame.text("too soon").toBytes(1)));
            }
        };
        try (WebSocketTestServer server = WebSocketTestServer.accept(eager)) {
            AssertionError error = assertThrows(AssertionError.class, server::acceptHandshake);
            assertEquals("The client sent data behind its upgrade request, before the server's answer (RFC 6455 §4.1).",
                    error.getMessage());
        }
    }

    @Test
    void aClientThatDoesNotMaskFailsTheTest() {
        ClientPipeline client = ClientPipeline.nettyUnmasked();
        try (WebSocketTestServer server = upgraded(client)) {
            server.sendText("hello");
            AssertionError error = assertThrows(AssertionError.class, server::readText);
            assertTrue(error.getMessage().startsWith("The client sent a frame that breaks RFC 6455: "),
                    error.getMessage());
            assertTrue(error.getMessage().contains("mask"), error.getMessage());
            server.ignoreUnread();
        }
    }

    @Test
    void aClientThatSendsNoValidUpgradeFailsAcceptHandshake() {
        ClientPipeline client = ClientPipeline.netty();
        try (WebSocketTestServer server = WebSocketTestServer.accept(client.initializer())) {
            server.upgradeRequest().headers().set("Sec-WebSocket-Version", "8");
            AssertionError error = assertThrows(AssertionError.class, server::acceptHandshake);
            assertEquals("Upgrade request with Sec-WebSocket-Version 8, expected 13.", error.getMessage());
            server.dropConnection();
        }
    }
}
