package io.github.wsline.netty;

import static io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE;
import static io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_ISSUED;
import static io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.Frame;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client drop-in against a scripted server, in Netty's pipeline: codec, aggregator, protocol handler, application. */
class WslineClientProtocolHandlerTest {
    private static final URI CHAT = URI.create("ws://chat.example.com:8080/chat?room=lobby");

    private final ClientApplication application = new ClientApplication();
    private EmbeddedChannel channel;
    private ScriptedServer server;

    @AfterEach
    void finish() throws Exception {
        channel.finishAndReleaseAll();
    }

    private void connect(WslineClientProtocolHandler handler) throws Exception {
        connect(new HttpClientCodec(), new HttpObjectAggregator(8192), handler, application);
    }

    private void connect(ChannelHandler... pipeline) throws Exception {
        // registered once the pipeline is complete, as a Bootstrap's channel connects after its initializer ran
        channel = new EmbeddedChannel(false, false, pipeline);
        channel.register();
        channel.freezeTime();
        server = new ScriptedServer(channel);
    }

    private static WebSocketClientProtocolConfig.Builder config() {
        return WebSocketClientProtocolConfig.newBuilder().webSocketUri(CHAT);
    }

    private List<Object> handshakeEvents() {
        return application.events.stream().filter(event -> event instanceof Enum<?>).toList();
    }

    @Test
    void requestIsNettysWithWslinesKey() throws Exception {
        connect(new WslineClientProtocolHandler(CHAT, WebSocketVersion.V13, "chat.v2,chat.v1", false,
                new DefaultHttpHeaders().add("Authorization", "Bearer t0k3n"), 65536));

        ScriptedServer.Request request = server.request();
        assertEquals("GET /chat?room=lobby HTTP/1.1", request.requestLine());
        assertEquals("http://chat.example.com:8080", request.headers().get("Origin"), "Netty's generateOriginHeader");
        assertEquals("Bearer t0k3n", request.headers().get("Authorization"));
        assertEquals("chat.v2, chat.v1", request.headers().get("Sec-WebSocket-Protocol"));
        assertEquals("13", request.headers().get("Sec-WebSocket-Version"));
    }

    @Test
    void absoluteUpgradeUrlPutsTheWholeUrlInTheRequestLine() throws Exception {
        connect(new WslineClientProtocolHandler(config().absoluteUpgradeUrl(true).generateOriginHeader(false).build()));

        ScriptedServer.Request request = server.request();
        assertEquals("GET " + CHAT + " HTTP/1.1", request.requestLine());
        assertFalse(request.headers().contains("Origin"));
    }

    @Test
    void httpsUrlIsTakenForWssAsNettyTakesIt() throws Exception {
        connect(new WslineClientProtocolHandler(config().webSocketUri("https://chat.example.com/chat").build()));

        ScriptedServer.Request request = server.request();
        assertEquals("GET /chat HTTP/1.1", request.requestLine());
        assertEquals("https://chat.example.com", request.headers().get("Origin"));
    }

    @Test
    void customHostHeaderNamesTheVirtualHost() throws Exception {
        connect(new WslineClientProtocolHandler(config()
                .customHeaders(new DefaultHttpHeaders().add("Host", "virtual.example.com")).build()));

        assertEquals("virtual.example.com", server.request().headers().get("Host"));
    }

    @Test
    void handshakeIssuedThenCompleteAndTheHttpHandlersLeave() throws Exception {
        connect(new WslineClientProtocolHandler(config().build()));
        assertEquals(List.of(HANDSHAKE_ISSUED), handshakeEvents());

        server.accept();

        assertEquals(List.of(HANDSHAKE_ISSUED, HANDSHAKE_COMPLETE), handshakeEvents());
        assertNull(channel.pipeline().get(HttpClientCodec.class));
        assertNull(channel.pipeline().get(HttpObjectAggregator.class));
        assertNull(channel.pipeline().get(ClientHandshakeHandler.class));
        assertTrue(channel.isOpen());
    }

    @Test
    void handshakeCompleteComesBeforeTheFrameBehindThe101() throws Exception {
        connect(new WslineClientProtocolHandler(config().build()));

        server.respond(server.upgradeResponse(), Frame.of(Frame.OPCODE_TEXT, "behind the 101"));

        assertEquals(List.of(HANDSHAKE_ISSUED, HANDSHAKE_COMPLETE, text("behind the 101")), application.log);
    }

    @Test
    void separateHttpDecoderAndEncoderWorkAsTheCodecDoes() throws Exception {
        connect(new HttpResponseDecoder(), new HttpRequestEncoder(), new HttpObjectAggregator(8192),
                new WslineClientProtocolHandler(config().build()), application);

        server.respond(server.upgradeResponse(), Frame.of(Frame.OPCODE_TEXT, "behind the 101"));

        assertEquals(List.of(HANDSHAKE_ISSUED, HANDSHAKE_COMPLETE, text("behind the 101")), application.log);
        assertNull(channel.pipeline().get(HttpResponseDecoder.class));
        assertNull(channel.pipeline().get(HttpRequestEncoder.class));
    }

    @Test
    void handlerAddedToAConnectedChannelStillHandshakes() {
        channel = new EmbeddedChannel(); // active at once, before any handler is added
        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                new WslineClientProtocolHandler(config().build()), application);
        server = new ScriptedServer(channel);

        server.accept();

        assertEquals(List.of(HANDSHAKE_ISSUED, HANDSHAKE_COMPLETE), handshakeEvents(), "Netty's would wait forever");
    }

    @Test
    void chosenSubprotocolIsTheHandshakersActualSubprotocol() throws Exception {
        WslineClientProtocolHandler handler = new WslineClientProtocolHandler(config().subprotocol("a,b").build());
        connect(handler);

        server.accept("Sec-WebSocket-Protocol: b");

        assertEquals("b", handler.handshaker().actualSubprotocol());
    }

    @Test
    void framesFlowBothWaysAndTheClientMasks() throws Exception {
        connect(new WslineClientProtocolHandler(config().build()));
        server.accept();

        server.send(Frame.of(Frame.OPCODE_TEXT, "hello"));
        channel.writeAndFlush(new TextWebSocketFrame("hi"));

        assertEquals(List.of(text("hello")), application.frames);
        Frame sent = server.frames().get(0);
        assertEquals("hi", sent.text());
        assertTrue(sent.masked(), "RFC 6455 §5.3: a client masks every frame");
    }

    @Test
    void refusedHandshakeReachesExceptionCaughtAndClosesTheChannel() throws Exception {
        connect(new WslineClientProtocolHandler(config().build()));

        server.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

        WebSocketClientHandshakeException refusal =
                assertInstanceOf(WebSocketClientHandshakeException.class, application.errors.get(0));
        assertEquals("Expected 101 Switching Protocols, got 404 Not Found.", refusal.getMessage());
        assertEquals(404, refusal.response().status().code());
        assertFalse(channel.isOpen());
        assertEquals(List.of(HANDSHAKE_ISSUED), handshakeEvents());
    }

    @Test
    void noResponseInTimeFiresHandshakeTimeoutAndCloses() throws Exception {
        connect(new WslineClientProtocolHandler(config().handshakeTimeoutMillis(3000).build()));
        server.request();

        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertEquals(List.of(HANDSHAKE_ISSUED, HANDSHAKE_TIMEOUT), handshakeEvents());
        assertFalse(channel.isOpen());
    }

    @Test
    void serversCloseIsAnsweredAndConsumedByDefault() throws Exception {
        connect(new WslineClientProtocolHandler(config().build()));
        server.accept();

        server.send(Frame.close(1001, "going away"));

        assertEquals(List.of(), application.frames);
        Frame answer = server.frames().get(0);
        assertEquals(1001, answer.closeCode(), "RFC 6455 §5.5.1: the client answers, which Netty's does not");
    }

    @Test
    void serversCloseReachesTheApplicationWithoutHandleCloseFrames() throws Exception {
        connect(new WslineClientProtocolHandler(config().handleCloseFrames(false).build()));
        server.accept();

        server.send(Frame.close(4000, "bye"));

        assertEquals(List.of(new ClientApplication.Received(CloseWebSocketFrame.class, "4000 bye")),
                application.frames);
        assertEquals(4000, server.frames().get(0).closeCode());
    }

    @Test
    void pingIsAnsweredAndPongsAreDroppedByDefault() throws Exception {
        connect(new WslineClientProtocolHandler(config().build()));
        server.accept();

        server.send(Frame.of(Frame.OPCODE_PING, "p1"), Frame.of(Frame.OPCODE_PONG, "unsolicited"));

        assertEquals(List.of(), application.frames);
        Frame pong = server.frames().get(0);
        assertEquals(Frame.OPCODE_PONG, pong.opcode());
        assertEquals("p1", pong.text());
    }

    @Test
    void pongsReachTheApplicationWithoutDropPongFrames() throws Exception {
        connect(new WslineClientProtocolHandler(config().dropPongFrames(false).build()));
        server.accept();

        server.send(Frame.of(Frame.OPCODE_PONG, "p1"));

        assertEquals(List.of(new ClientApplication.Received(PongWebSocketFrame.class, "p1")), application.frames);
    }

    @Test
    void closingTheChannelSendsTheConfiguredCloseFirst() throws Exception {
        connect(new WslineClientProtocolHandler(config().build()));
        server.accept();

        channel.close();

        assertEquals(1000, server.frames().get(0).closeCode(), "Netty's sendCloseFrame default, NORMAL_CLOSURE");
        assertFalse(channel.isOpen());
    }

    @Test
    void closingTheChannelSendsNoCloseWithoutAConfiguration() throws Exception {
        connect(new WslineClientProtocolHandler(CHAT, WebSocketVersion.V13, null, false, null, 65536));
        server.accept();

        channel.close();

        assertEquals(List.of(), server.frames(), "as Netty's, whose other constructors set no sendCloseFrame");
        assertFalse(channel.isOpen());
    }

    @Test
    void framesOverNettysDefaultLimitFailTheConnection() throws Exception {
        connect(new WslineClientProtocolHandler(config().build()));
        server.accept();

        server.send(Frame.of(Frame.OPCODE_BINARY, new byte[65537]));

        assertEquals(List.of(), application.frames);
        assertEquals(1009, server.frames().get(0).closeCode(), "RFC 6455 §7.4.1: message too big");
    }

    private static ClientApplication.Received text(String text) {
        return new ClientApplication.Received(TextWebSocketFrame.class, text);
    }
}
