package io.github.wsline.testkit.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.testkit.RawFrame;
import io.github.wsline.testkit.ReceivedFrame;
import io.github.wsline.testkit.WebSocketTestClient;
import io.netty.channel.ChannelInitializer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One scenario, what any RFC 6455 echo server must do as a browser sees it, run against every way of building a Netty
 * WebSocket server, through each one's own {@code ChannelInitializer}; and the kit failing it, with a message that
 * says why, against servers that break the RFC.
 */
class ServerScenarioTest {
    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of("Netty's WebSocketServerProtocolHandler", ServerPipelines.netty()),
                Arguments.of("wsline's drop-in WslineServerProtocolHandler", ServerPipelines.wslineDropIn()),
                Arguments.of("wsline", ServerPipelines.wsline()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void echoesTextAndBinary(String name, ChannelInitializer<?> server) {
        try (WebSocketTestClient client = WebSocketTestClient.connect(server, ServerPipelines.PATH)) {
            client.sendText("hello");
            assertEquals("hello", client.readText());
            client.sendBinary(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, client.readBinary());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void fragmentedMessageSplitAnywhereComesBackWhole(String name, ChannelInitializer<?> server) {
        try (WebSocketTestClient client = WebSocketTestClient.connect(server, ServerPipelines.PATH).chunkSize(1)) {
            client.send(RawFrame.text("hel").fin(false));
            client.send(RawFrame.continuation("lo"));
            assertEquals("hello", client.readText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pingIsAnsweredWithItsData(String name, ChannelInitializer<?> server) {
        try (WebSocketTestClient client = WebSocketTestClient.connect(server, ServerPipelines.PATH)) {
            client.sendPing(new byte[] {42});
            ReceivedFrame pong = client.readFrame();
            assertEquals(ReceivedFrame.Type.PONG, pong.type());
            assertArrayEquals(new byte[] {42}, pong.payload());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void closingHandshakeEchoesTheCode(String name, ChannelInitializer<?> server) {
        try (WebSocketTestClient client = WebSocketTestClient.connect(server, ServerPipelines.PATH)) {
            client.sendClose(1000, "bye");
            client.expectClose(1000);
            client.expectConnectionClosed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void unmaskedFrameIsRefusedWith1002(String name, ChannelInitializer<?> server) {
        try (WebSocketTestClient client = WebSocketTestClient.connect(server, ServerPipelines.PATH)) {
            client.send(RawFrame.text("hi").masked(false));
            client.expectClose(1002);
            client.expectConnectionClosed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void compressedMessagesBothWays(String name, ChannelInitializer<?> server) {
        String text = "compress me ".repeat(100);
        try (WebSocketTestClient client = WebSocketTestClient.connect(server, ServerPipelines.PATH,
                WebSocketTestClient.OFFER_DEFLATE)) {
            assertEquals("permessage-deflate",
                    client.handshakeHeaders().get("Sec-WebSocket-Extensions").split(";")[0].trim());
            client.sendText(text).sendText(text); // the second one against the first as a dictionary
            for (int i = 0; i < 2; i++) {
                ReceivedFrame echo = client.readMessage();
                assertEquals(4, echo.rsv(), "RSV1: the echo came compressed");
                assertEquals(text, echo.text());
            }
        }
    }

    @Test
    void unknownVersionIsRefusedWith426AndTheConnectionClosedByWsline() {
        for (ChannelInitializer<?> server : List.of(ServerPipelines.wsline(), ServerPipelines.wslineDropIn())) {
            assertEquals("Unsupported WebSocket version.", WebSocketTestClient.expectRefusal(426, server,
                    ServerPipelines.PATH, "Sec-WebSocket-Version: 14").trim());
        }
    }

    @Test
    void nettysServerLeavesTheConnectionOpenAfterRefusingAVersionAndTheKitSaysSo() {
        AssertionError error = assertThrows(AssertionError.class, () -> WebSocketTestClient.expectRefusal(426,
                ServerPipelines.netty(), ServerPipelines.PATH, "Sec-WebSocket-Version: 14"));
        assertEquals("The server refused the upgrade with 426 but left the connection open.", error.getMessage());
    }

    @Test
    void aServerThatMasksItsFramesFailsTheTest() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(ServerPipelines.masking(), ServerPipelines.PATH)) {
            client.sendText("hello");
            AssertionError error = assertThrows(AssertionError.class, client::readText);
            assertEquals("The server sent a frame that breaks RFC 6455: " + error.getCause().getMessage(),
                    error.getMessage());
            assertEquals(true, error.getMessage().contains("mask"), error.getMessage());
            client.ignoreUnread();
        }
    }

    @Test
    void aServerThatSendsCloseCode1005FailsTheTest() {
        try (WebSocketTestClient client = WebSocketTestClient.connect(ServerPipelines.closingWith1005(),
                ServerPipelines.PATH)) {
            client.sendText("hello");
            AssertionError error = assertThrows(AssertionError.class, () -> client.expectClose(1005));
            assertEquals(true, error.getMessage().contains("1005"), error.getMessage());
            client.ignoreUnread();
        }
    }

    @Test
    void refusedUpgradeGivesTheStatusAndTheReason() {
        WebSocketServerConfig config = WebSocketServerConfig.builder()
                .route(ServerPipelines.PATH, ServerPipelines.EchoHandler::new)
                .allowedOrigins("https://example.com")
                .build();
        String body = WebSocketTestClient.expectRefusal(403, ServerPipelines.wsline(config), ServerPipelines.PATH,
                "Origin: https://evil.example");
        assertEquals(false, body.isBlank(), "a refusal says why");
    }
}
