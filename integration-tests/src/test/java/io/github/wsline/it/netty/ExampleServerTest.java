package io.github.wsline.it.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.it.netty.example.server.WebSocketIndexPageHandler;
import io.github.wsline.it.netty.example.server.WebSocketServerInitializer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Netty's example server ({@code example/.../http/websocketx/server}), ported by renaming the handlers it constructs,
 * against the JDK's WebSocket client, Netty's own stock client (with permessage-deflate) and a hand-written HTTP/1.1
 * connection. Its {@code WebSocketFrameHandler} upper-cases each Text message and, on {@code HandshakeComplete},
 * removes the index page handler.
 */
class ExampleServerTest {
    private static final String PATH = "/websocket";
    private static Loopback loopback;
    private static Channel server;

    @BeforeAll
    static void start() {
        loopback = new Loopback();
        server = loopback.serve(new WebSocketServerInitializer(null)); // null: the plain (no SSL) path of its main
    }

    @AfterAll
    static void stop() {
        loopback.close();
    }

    @Test
    void textIsEchoedUpperCased() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendText("hello, netty");
        assertEquals("text:HELLO, NETTY", client.next());
        client.abort();
    }

    /** Netty's protocol handler accepts frames up to 65,536 bytes by default; so does its wsline counterpart. */
    @Test
    void aMessageOfNettysDefaultFrameLimitIsEchoed() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        String text = "x".repeat(65536);
        client.sendText(text);
        assertEquals("text:" + text.toUpperCase(Locale.ROOT), client.next());
        client.abort();
    }

    /** On Netty this fails: its handler gets the first frame alone ("HEL") and throws on the continuation frame. */
    @Test
    void fragmentedTextIsEchoedUpperCasedAsOneMessage() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendText("hel", "lo");
        assertEquals("text:HELLO", client.next());
        client.abort();
    }

    @Test
    void pingIsAnsweredWithItsPayload() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendPing(new byte[] {8, 1, 8, 1});
        assertEquals("pong:08010801", client.next());
        client.abort();
    }

    @Test
    void closeEchoCarriesTheClientsCodeAndReason() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendClose(1001, "going away");
        assertEquals("close:1001 going away", client.next());
    }

    /** What a Netty application does to end a connection: it writes a Close frame. */
    @Test
    void aCloseTheServerWritesReachesTheClientWithItsCodeAndReason() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        Channel accepted = lastAccepted();
        accepted.writeAndFlush(new CloseWebSocketFrame(1001, "server going away"));
        assertEquals("close:1001 server going away", client.next());
        Loopback.await(accepted.closeFuture()); // once the JDK client has answered
    }

    /**
     * Netty's server defaults: Pong and Close frames never reach the application, whose handler throws on any frame but
     * Text. A recorder behind it catches what it throws.
     */
    @Test
    void aPongAndTheClientsCloseNeverReachTheServerApplication() {
        FrameRecorder behindTheApplication = FrameRecorder.application();
        Channel ownServer = loopback.serve(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new WebSocketServerInitializer(null), behindTheApplication);
            }
        });
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(ownServer, PATH));
        client.sendPong(new byte[] {8, 1});
        client.sendText("after the pong");
        assertEquals("text:AFTER THE PONG", client.next());
        client.sendClose(1000, "bye");
        assertEquals("close:1000 bye", client.next());
        Loopback.await(lastAccepted().closeFuture());
        assertEquals(List.of(), behindTheApplication.exceptionsSoFar());
    }

    /** Netty's default {@code dropPongFrames}: the application never sees a Pong. */
    @ParameterizedTest
    @EnumSource(ProtocolHandlerClient.Classes.class)
    void withNettysDefaultsThePongIsDropped(ProtocolHandlerClient.Classes classes) {
        ProtocolHandlerClient client = ProtocolHandlerClient.withNettysDefaults(classes, loopback, server, PATH);
        client.send(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {8, 1, 8, 1})));
        client.send(new TextWebSocketFrame("after the ping"));
        assertEquals("text:AFTER THE PING", client.application().nextFrame());
        client.close();
    }

    /**
     * Netty's default {@code handleCloseFrames}: the server's Close ends the connection and the application sees no
     * Close frame. (Netty's client closes TCP without answering the Close; wsline's answers it first.)
     */
    @ParameterizedTest
    @EnumSource(ProtocolHandlerClient.Classes.class)
    void withNettysDefaultsTheServersCloseEndsTheConnection(ProtocolHandlerClient.Classes classes) {
        ProtocolHandlerClient client = ProtocolHandlerClient.withNettysDefaults(classes, loopback, server, PATH);
        Channel accepted = lastAccepted();
        accepted.writeAndFlush(new CloseWebSocketFrame(1001, "server going away"));
        client.awaitClosed();
        Loopback.await(accepted.closeFuture());
        assertEquals(List.of(), client.application().framesSoFar());
    }

    /**
     * With {@code handleCloseFrames(false)} the client application sees the server's Close; wsline's client answers it
     * as RFC 6455 §5.5.1 says, so the connection ends at once (Netty's client leaves the answer to the application).
     */
    @Test
    void wslinesClientProtocolHandlerSeesTheServersCloseAndTheConnectionEnds() {
        ProtocolHandlerClient client = ProtocolHandlerClient.wslines(loopback, server, PATH);
        Channel accepted = lastAccepted();
        accepted.writeAndFlush(new CloseWebSocketFrame(1001, "server going away"));
        assertEquals("close:1001 server going away", client.application().nextFrame());
        client.awaitClosed();
        Loopback.await(accepted.closeFuture());
    }

    /**
     * A Close frame carries at most 123 bytes of reason (RFC 6455 §5.5: control payloads are at most 125 bytes); a
     * longer one is cut there. Netty's encoder sends it whole, in a frame a conforming client must fail the connection on.
     */
    @Test
    void aCloseReasonTooLongForAFrameArrivesTruncated() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        lastAccepted().writeAndFlush(new CloseWebSocketFrame(4000, "x".repeat(200)));
        assertEquals("close:4000 " + "x".repeat(123), client.next());
    }

    @Test
    void handshakeCompleteRemovesTheIndexPageHandlerAndTheAggregator() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendText("x");
        assertEquals("text:X", client.next()); // the event fired before the server read this message
        ChannelPipeline pipeline = lastAccepted().pipeline();
        assertNull(pipeline.get(WebSocketIndexPageHandler.class));
        assertNull(pipeline.get(HttpObjectAggregator.class));
        client.abort();
    }

    @Test
    void nettysStockClientNegotiatesCompressionAndGetsItsTextUpperCased() {
        ProtocolHandlerClient client = ProtocolHandlerClient.nettys(loopback, server, PATH);
        assertTrue(client.nettyNegotiatedPerMessageDeflate());
        String text = "compress me ".repeat(1000);
        client.send(new TextWebSocketFrame(text));
        assertEquals("text:" + text.toUpperCase(Locale.ROOT), client.application().nextFrame());
        client.close();
    }

    /** On Netty this fails: its handler echoes the first frame alone and throws on the continuation frame. */
    @Test
    void nettysStockClientsFragmentedTextIsEchoedAsOneMessage() {
        ProtocolHandlerClient client = ProtocolHandlerClient.nettys(loopback, server, PATH);
        client.send(new TextWebSocketFrame(false, 0, "hel"));
        client.send(new ContinuationWebSocketFrame(true, 0, "lo"));
        assertEquals("text:HELLO", client.application().nextFrame());
        client.close();
    }

    @Test
    void nettysStockClientSeesThePongAndTheCloseEcho() {
        ProtocolHandlerClient client = ProtocolHandlerClient.nettys(loopback, server, PATH);
        client.send(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {8, 1, 8, 1})));
        assertEquals("pong:08010801", client.application().nextFrame());
        client.send(new CloseWebSocketFrame(1000, "bye"));
        assertEquals("close:1000 bye", client.application().nextFrame());
        client.awaitClosed();
    }

    /** The server's side of the connection a client has just opened: tests run one at a time. */
    private static Channel lastAccepted() {
        List<Channel> accepted = loopback.accepted();
        return accepted.get(accepted.size() - 1);
    }

    @Test
    void indexPageTwiceThenUpgradeOnOneKeepAliveConnection() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(server)) {
            String first = connection.get("/");
            assertTrue(first.startsWith("HTTP/1.1 200 OK\n<html><head><title>Web Socket Test</title>"), first);
            assertEquals(first, connection.get("/index.html"));
            assertEquals("HTTP/1.1 101 Switching Protocols", connection.upgrade(PATH));
        }
    }
}
