package io.github.wsline.netty;

import static io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE;
import static io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_ISSUED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.Frame;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handshaker idiom of Netty's example client, and Netty's own protocol handler, running on wsline's handshaker. */
class WslineClientHandshakerFactoryTest {
    private static final URI ECHO = URI.create("ws://echo.example.com/websocket");

    private EmbeddedChannel channel;
    private ScriptedServer server;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private static WebSocketClientHandshaker newHandshaker() {
        return WslineClientHandshakerFactory.newHandshaker(ECHO, WebSocketVersion.V13, null, true,
                new DefaultHttpHeaders());
    }

    /** Netty's client pipeline: HTTP codec, aggregator, the handlers; connected once they are all in place. */
    private void connect(ChannelHandler... handlers) throws Exception {
        channel = new EmbeddedChannel(false, false, new HttpClientCodec(), new HttpObjectAggregator(8192));
        channel.register(); // runs the initializer that adds the two handlers above
        channel.pipeline().addLast(handlers);
        channel.pipeline().fireChannelActive(); // as a Bootstrap's channel connects after its initializer ran
        server = new ScriptedServer(channel);
    }

    @Test
    void handshakerIdiomCompletesAndInstallsWslinesCodec() throws Exception {
        WebSocketClientHandshaker handshaker = newHandshaker();
        connect(new HandshakerClient(handshaker));

        server.accept();

        assertTrue(handshaker.isHandshakeComplete());
        assertNull(channel.pipeline().get(HttpClientCodec.class));
        assertNull(channel.pipeline().get(HttpObjectAggregator.class));
        assertNull(channel.pipeline().get(ClientEncoderPlaceholder.class));
        channel.writeAndFlush(new TextWebSocketFrame("hi"));
        Frame sent = server.frames().get(0);
        assertEquals("hi", sent.text());
        assertTrue(sent.masked(), "RFC 6455 §5.3");
    }

    @Test
    void applicationReceivesEveryFrameAndItsPongIsTheOnlyOne() throws Exception {
        HandshakerClient client = new HandshakerClient(newHandshaker());
        connect(client);
        server.respond(server.upgradeResponse(), Frame.of(Frame.OPCODE_TEXT, "behind the 101"));

        server.send(Frame.of(Frame.OPCODE_PING, "p"), Frame.of(Frame.OPCODE_PONG, "q"));

        assertEquals(List.of(TextWebSocketFrame.class, PingWebSocketFrame.class, PongWebSocketFrame.class),
                client.received.stream().map(ClientApplication.Received::type).toList());
        List<Frame> sent = server.frames();
        assertEquals(1, sent.size(), "the application answers the Ping, the codec does not: " + sent);
        assertEquals(Frame.OPCODE_PONG, sent.get(0).opcode());
    }

    @Test
    void serversCloseReachesTheApplicationAndIsAnsweredOnce() throws Exception {
        HandshakerClient client = new HandshakerClient(newHandshaker());
        connect(client);
        server.accept();

        server.send(Frame.close(4000, "bye"));

        assertEquals(List.of(new ClientApplication.Received(CloseWebSocketFrame.class, "4000 bye")),
                List.copyOf(client.received));
        List<Frame> sent = server.frames();
        assertEquals(1, sent.size(), "the application's echo is dropped behind the codec's: " + sent);
        assertEquals(4000, sent.get(0).closeCode());
        assertEquals("bye", sent.get(0).closeReason());
    }

    @Test
    void refusalFailsFinishHandshakeWithTheReason() throws Exception {
        HandshakerClient client = new HandshakerClient(newHandshaker());
        connect(client);

        server.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

        CompletionException failure = assertThrows(CompletionException.class, () -> client.handshake.getNow(null));
        WebSocketClientHandshakeException refusal = assertInstanceOf(WebSocketClientHandshakeException.class,
                failure.getCause());
        assertEquals("Expected 101 Switching Protocols, got 404 Not Found.", refusal.getMessage());
    }

    @Test
    void nettysOwnProtocolHandlerRunsTheHandshakerAndAnswersPingsOnce() throws Exception {
        ClientApplication application = new ClientApplication();
        connect(new WebSocketClientProtocolHandler(newHandshaker()), application);
        server.accept();

        server.send(Frame.of(Frame.OPCODE_TEXT, "hello"), Frame.of(Frame.OPCODE_PING, "p"));

        assertEquals(List.of(HANDSHAKE_ISSUED, HANDSHAKE_COMPLETE),
                application.events.stream().filter(event -> event instanceof Enum<?>).toList());
        assertEquals(List.of(new ClientApplication.Received(TextWebSocketFrame.class, "hello")), application.frames);
        List<Frame> sent = server.frames();
        assertEquals(1, sent.size(), "Netty's handler answers the Ping, the codec does not: " + sent);
        assertEquals(Frame.OPCODE_PONG, sent.get(0).opcode());
    }

    @Test
    void nettysOwnProtocolHandlerClosesAtTheServersCloseWhichTheCodecAnswered() throws Exception {
        ClientApplication application = new ClientApplication();
        connect(new WebSocketClientProtocolHandler(newHandshaker()), application);
        server.accept();

        server.send(Frame.close(1001, "going away"));

        assertEquals(List.of(), application.frames, "Netty's handleCloseFrames default consumes it");
        List<Frame> sent = server.frames();
        assertEquals(1, sent.size(), "one Close, the codec's echo: " + sent);
        assertEquals(1001, sent.get(0).closeCode());
        assertFalse(channel.isOpen());
    }
}
