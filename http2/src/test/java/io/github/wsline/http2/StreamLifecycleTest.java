package io.github.wsline.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketCloseReceived;
import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 8441 §5-§6 on EmbeddedChannel: the closing handshake then END_STREAM, RST_STREAM(CANCEL) on abort, streams
 * isolated from each other, and the peer's flow-control window respected.
 */
class StreamLifecycleTest {
    private static final long CANCEL = Http2Error.CANCEL.code();
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final List<Application> applications = new ArrayList<>();
    private final WebSocketServerConfig config = WebSocketServerConfig.builder()
            .route("/echo", EchoHandler::new)
            .route("/app", () -> {
                Application application = new Application();
                applications.add(application);
                return application;
            })
            .codec(WebSocketConfig.builder().closeTimeout(CLOSE_TIMEOUT).build())
            .build();
    private H2Peer peer =
            new H2Peer(new Http2WebSocketServerInitializer(config, new ExtendedConnectTest.PageStreams()));

    @AfterEach
    void finish() {
        peer.finish();
    }

    @Test
    void peersCloseIsEchoedThenTheStreamEnds() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        peer.send(stream, Frame.close(1000, "bye"));

        assertEquals(List.of(Frame.close(1000, "bye").masked(false)), peer.webSocketFrames(stream));
        assertTrue(peer.endedStream(stream), "END_STREAM after the Close");
        assertEquals(List.of(), peer.resets(stream));
        assertEquals(1000, applications.get(0).first(WebSocketCloseReceived.class).statusCode());
    }

    @Test
    void streamClosesWhenThePeerEndsItsSideToo() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        peer.sendBytes(stream, true, Frame.close(1000, "bye"));

        assertTrue(peer.endedStream(stream), peer.toString());
        assertEquals(List.of(), peer.resets(stream));
        assertTrue(applications.get(0).inactive, applications.get(0).received.toString());
    }

    @Test
    void serversCloseIsAnsweredThenTheStreamEnds() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        applications.get(0).channel.writeAndFlush(new CloseWebSocketFrame(1001, "going away"));
        peer.exchange();
        assertFalse(peer.endedStream(stream), "the peer has not answered yet");

        peer.send(stream, Frame.close(1001, ""));

        assertEquals(List.of(Frame.close(1001, "going away").masked(false)), peer.webSocketFrames(stream));
        assertTrue(peer.endedStream(stream));
        assertEquals(List.of(), peer.resets(stream));
    }

    @Test
    void peerThatNeverEndsItsSideIsResetAfterTheCloseTimeout() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        peer.send(stream, Frame.close(1000, ""));
        assertEquals(List.of(), peer.resets(stream));

        peer.advanceTimeBy(CLOSE_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);

        assertEquals(List.of(CANCEL), peer.resets(stream));
        assertTrue(applications.get(0).inactive);
    }

    @Test
    void violationAfterTheCloseResetsTheStream() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        applications.get(0).channel.writeAndFlush(new CloseWebSocketFrame(1000, ""));
        peer.exchange();

        peer.send(stream, Frame.of(Frame.OPCODE_TEXT, "unmasked").masked(false)); // §5.1: a client must mask

        assertEquals(List.of(CANCEL), peer.resets(stream));
        assertFalse(peer.endedStream(stream));
    }

    @Test
    void closeThatIsNeverAnsweredResetsTheStreamAfterTheCloseTimeout() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        applications.get(0).channel.writeAndFlush(new CloseWebSocketFrame(1000, ""));
        peer.exchange();

        peer.advanceTimeBy(CLOSE_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);

        assertEquals(List.of(CANCEL), peer.resets(stream));
    }

    @Test
    void violationIsAnsweredWithCloseThenReset() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        peer.send(stream, Frame.of(Frame.OPCODE_TEXT, "unmasked").masked(false));

        assertEquals(1002, peer.webSocketFrames(stream).get(0).closeCode());
        assertEquals(List.of(CANCEL), peer.resets(stream));
    }

    @Test
    void violationOnOneWebSocketLeavesTheOtherOnTheConnectionUntouched() {
        Http2FrameStream broken = peer.open(H2Peer.webSocketRequest("/echo"));
        Http2FrameStream healthy = peer.open(H2Peer.webSocketRequest("/echo"));

        peer.send(broken, Frame.of(Frame.OPCODE_TEXT, "unmasked").masked(false));
        peer.send(healthy, Frame.of(Frame.OPCODE_TEXT, "still here"));

        assertEquals(List.of(CANCEL), peer.resets(broken));
        assertEquals(List.of(Frame.of(Frame.OPCODE_TEXT, "still here").masked(false)), peer.webSocketFrames(healthy));
        assertEquals(List.of(), peer.resets(healthy));
        assertTrue(peer.server.isActive(), "the connection stays up");
    }

    @Test
    void peerResetIsAnAbruptCloseOfThatWebSocketOnly() {
        Http2FrameStream reset = peer.open(H2Peer.webSocketRequest("/app"));
        Http2FrameStream other = peer.open(H2Peer.webSocketRequest("/app"));

        peer.reset(reset);
        peer.send(other, Frame.of(Frame.OPCODE_TEXT, "hi"));

        assertTrue(applications.get(0).inactive);
        assertTrue(applications.get(0).received.stream().noneMatch(WebSocketCloseReceived.class::isInstance));
        assertFalse(applications.get(1).inactive);
        assertTrue(applications.get(1).received.contains("Text hi"));
    }

    @Test
    void slowReadersWindowIsNeverOverrunAndTheStreamTurnsUnwritable() {
        int window = 1000;
        peer.finish();
        peer = new H2Peer(new Http2WebSocketServerInitializer(config, new ExtendedConnectTest.PageStreams()),
                Http2Settings.defaultSettings().initialWindowSize(window));
        peer.returnWindow(false);
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        Application application = applications.get(0);

        application.channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[100_000])));
        peer.exchange();

        assertEquals(window, peer.data(stream).length, "exactly the window, no more");
        assertFalse(application.channel.isWritable());
        assertTrue(application.received.contains("unwritable"));

        for (int consumed = 0; peer.data(stream).length > consumed; ) { // as a reader catching up, read by read
            int read = peer.data(stream).length;
            peer.consume(stream, read - consumed);
            consumed = read;
        }

        assertEquals(10 + 100_000, peer.data(stream).length, "the rest, once the reader caught up");
        assertTrue(application.channel.isWritable());
        assertTrue(application.received.contains("writable"));
    }

    @Test
    void applicationThatStopsReadingStopsThePeerAtItsWindow() {
        Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/app"));
        Application application = applications.get(0);
        application.channel.config().setAutoRead(false);
        Frame[] messages = new Frame[1000];
        Arrays.fill(messages, Frame.of(Frame.OPCODE_BINARY, new byte[100])); // 106 KB in all, over the 64 KiB window

        peer.send(stream, messages);

        assertEquals(0, peer.windowTowardServer(stream), "the server gave nothing back");
        assertTrue(application.received.size() < 1000);

        application.channel.config().setAutoRead(true);
        peer.exchange();

        assertEquals(1001, application.received.size(), "the handshake event, then every message");
    }
}
