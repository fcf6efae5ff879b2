package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_CLOSE;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConfig.Role;
import io.github.wsline.testsupport.Frame;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the application learns of the peer's Close (RFC 6455 §5.5.1): the {@link WebSocketCloseReceived} event in both
 * roles, whoever closed first, and the Close frame itself when {@link WebSocketConfig#deliverCloseFrames()} asks for
 * it, answered by the application as Netty applications do.
 */
class CloseReceivedTest {
    private final RecordingApplication app = new RecordingApplication();

    private Peer peerOf(Role role, boolean deliverCloseFrames) {
        return Peer.of(WebSocketConfig.builder().role(role).deliverCloseFrames(deliverCloseFrames).build(), app);
    }

    /** A frame from the peer, masked only when the peer is a client (§5.1). */
    private static void send(Peer peer, Role role, Frame frame) {
        peer.send(frame.masked(role == Role.SERVER));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeReceivedEventCarriesCodeAndReason(Role role) {
        try (Peer peer = peerOf(role, false)) {
            send(peer, role, Frame.close(1001, "going away"));
            peer.expectClose(1001);
            assertEquals(List.of("WebSocketCloseReceived{statusCode=1001, reasonText=going away, initiatedByPeer=true}"),
                    app.received);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeReceivedEventSaysThePeerAnsweredOurClose(Role role) {
        try (Peer peer = peerOf(role, false)) {
            peer.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
            peer.expectClose(1000);
            send(peer, role, Frame.close(1000, "bye"));
            peer.expectNoMoreFrames();
            assertEquals(List.of("WebSocketCloseReceived{statusCode=1000, reasonText=bye, initiatedByPeer=false}"),
                    app.received);
        }
    }

    @Test
    void noCloseReceivedEventAfterAViolation() {
        try (Peer server = peerOf(Role.CLIENT, false)) {
            server.send(Frame.of(OPCODE_TEXT, "masked by a server")); // §5.1: a client closes with 1002
            server.expectClose(1002);
            server.send(Frame.close(1002, "").masked(false)); // discarded with all input after a violation (§7.1.7)
            assertEquals(List.of(), app.received);
        }
    }

    @Test
    void closeWithoutCodeIsReportedAsStatusCodeMinusOne() {
        try (Peer client = peerOf(Role.SERVER, false)) {
            client.send(Frame.of(OPCODE_CLOSE, new byte[0]));
            assertEquals(0, client.readFrame().payload().length);
            assertEquals(List.of("WebSocketCloseReceived{statusCode=-1, reasonText=, initiatedByPeer=true}"),
                    app.received);
        }
    }

    @Test
    void closeFrameIsConsumedByDefault() {
        try (Peer client = peerOf(Role.SERVER, false)) {
            client.send(Frame.close(1000, "done"));
            client.expectClose(1000);
            assertTrue(app.answers.isEmpty(), "the application saw no Close frame to answer");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeFrameIsDeliveredAfterTheEventWhenAskedFor(Role role) {
        try (Peer peer = peerOf(role, true)) {
            send(peer, role, Frame.close(4000, "custom"));
            assertEquals("custom", peer.expectClose(4000).closeReason()); // answered by the codec, as always
            assertEquals(List.of(
                    "WebSocketCloseReceived{statusCode=4000, reasonText=custom, initiatedByPeer=true}",
                    "Close:4000 custom"), app.received);
        }
    }

    @Test
    void applicationCloseAfterDeliveredCloseSucceedsWithoutASecondFrame() {
        try (Peer client = peerOf(Role.SERVER, true)) {
            client.send(Frame.close(1000, "done"));
            client.expectClose(1000);
            client.expectNoMoreFrames();
            ChannelFuture echo = app.answers.get(0);
            assertTrue(echo.isSuccess(), "the application's echo succeeds");
            assertEquals(0, app.echoedCloses.get(0).refCnt(), "and its frame is released");
            client.expectConnectionClosed();
        }
    }

    @Test
    void applicationCloseAfterThePeersAnswerSucceedsToo() {
        try (Peer client = peerOf(Role.SERVER, true)) {
            client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
            client.send(Frame.close(1000, ""));
            client.expectClose(1000);
            client.expectNoMoreFrames();
            assertTrue(app.answers.get(0).isSuccess());
        }
    }

    @Test
    void dataWrittenAfterDeliveredCloseStillFails() {
        try (Peer server = peerOf(Role.CLIENT, true)) { // a client waits for the server to close TCP
            send(server, Role.CLIENT, Frame.close(1000, ""));
            server.expectClose(1000);
            ChannelFuture late = server.channel().writeAndFlush(new TextWebSocketFrame("late"));
            assertInstanceOf(IllegalStateException.class, late.cause());
        }
    }

    @Test
    void applicationCloseAfterItsOwnCloseStillFailsWhenClosesAreDelivered() {
        try (Peer client = peerOf(Role.SERVER, true)) {
            client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
            ChannelFuture second = client.channel().writeAndFlush(new CloseWebSocketFrame(1001, "again"));
            assertInstanceOf(IllegalStateException.class, second.cause());
            client.expectClose(1000);
            client.expectNoMoreFrames();
        }
    }

    @Test
    void dataBeforeThePeersCloseIsDeliveredBeforeTheEvent() {
        try (Peer client = peerOf(Role.SERVER, false)) {
            client.send(Frame.of(OPCODE_TEXT, "last words")).send(Frame.close(1000, ""));
            client.expectClose(1000);
            assertEquals(List.of("Text:last words",
                    "WebSocketCloseReceived{statusCode=1000, reasonText=, initiatedByPeer=true}"), app.received);
        }
    }
}
