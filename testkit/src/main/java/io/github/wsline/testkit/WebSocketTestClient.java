package io.github.wsline.testkit;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.Random;

/**
 * A WebSocket client for tests, talking to a server pipeline on an embedded channel: no network, no threads, no
 * waiting. The server is the application's own {@code ChannelInitializer}, whatever WebSocket implementation it uses,
 * or a wsline configuration. The client sends masked frames as a browser does, or any malformed frame or raw bytes, in
 * reads of any size; it decodes what the server wrote and checks that the server kept to RFC 6455 (a frame the server
 * must not send fails the test). Every buffer it touches it releases; {@link #close()} releases the rest, and fails if
 * the server sent frames the test did not read.
 *
 * <pre>{@code
 * try (WebSocketTestClient client = WebSocketTestClient.connect(new MyServerInitializer(), "/echo")) {
 *     client.sendText("hello");
 *     assertEquals("hello", client.readText());
 *     client.sendClose(1000, "bye");
 *     client.expectClose(1000);
 *     client.expectConnectionClosed();
 * }
 * }</pre>
 *
 * The server's clock is frozen: scheduled tasks (close timeouts, idle timers) run only when a test calls
 * {@link #advanceTime(Duration)}.
 */
public final class WebSocketTestClient extends ScriptedPeer<WebSocketTestClient> {
    /**
     * The {@code Sec-WebSocket-Extensions} header a browser sends to offer permessage-deflate (RFC 7692), to pass to
     * {@link #connect(ChannelInitializer, String, String...)} among the headers. When the server agrees, the client
     * compresses every message it sends with {@link #sendText} and {@link #sendBinary}, and {@link #readMessage}
     * inflates every message whose first frame carries RSV1.
     */
    public static final String OFFER_DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

    private final Random maskKeys = new Random();
    private Integer fixedMaskKey;
    private HttpHeaders handshakeHeaders = new DefaultHttpHeaders();

    private WebSocketTestClient(EmbeddedSocketChannel server) {
        super(server, WebSocketConfig.Role.CLIENT);
    }

    /**
     * {@return a client connected to a server pipeline whose opening handshake is already done}
     *
     * @param serverConfig        the server's codec configuration
     * @param applicationHandlers the handlers behind the codec, as a route would install them
     */
    public static WebSocketTestClient openUpgraded(WebSocketConfig serverConfig, ChannelHandler... applicationHandlers) {
        ChannelHandler[] handlers = new ChannelHandler[applicationHandlers.length + 1];
        handlers[0] = new WebSocketConnectionHandler(serverConfig);
        System.arraycopy(applicationHandlers, 0, handlers, 1, applicationHandlers.length);
        return new WebSocketTestClient(EmbeddedSocketChannel.open(handlers));
    }

    /**
     * A client connected through the real opening handshake: the server pipeline is {@code config}'s HTTP codec and
     * upgrade handler, and the client sends a browser's upgrade request for {@code uri} (path and query) with any
     * extra {@code headers} ({@code "Origin: https://example.com"}). Fails unless the server answers 101 with the
     * right {@code Sec-WebSocket-Accept}; frames the server sent right behind its 101 are kept for reading.
     *
     * @param config  the server's configuration
     * @param uri     the request target, path and query, e.g. {@code /chat?room=lobby}
     * @param headers extra request headers, each as {@code "Name: value"}; one named as a browser's own
     *                ({@code "Sec-WebSocket-Version: 8"}) replaces it
     * @return the connected client
     * @throws AssertionError if the server does not accept the handshake
     */
    public static WebSocketTestClient connect(WebSocketServerConfig config, String uri, String... headers) {
        return connect(initializerOf(config), uri, headers);
    }

    /**
     * A client connected through the real opening handshake to the server pipeline your own {@code serverInitializer}
     * builds, whatever WebSocket implementation it uses (wsline, wsline's drop-in for Netty's handlers, or Netty's own
     * {@code WebSocketServerProtocolHandler}): it runs on an embedded {@code SocketChannel}, so a
     * {@code ChannelInitializer<SocketChannel>} runs unchanged, and {@code channelActive} reaches its handlers. The
     * client sends a browser's upgrade request for {@code uri} with any extra {@code headers} (add
     * {@link #OFFER_DEFLATE} to offer compression), and fails unless the server answers 101 with the right
     * {@code Sec-WebSocket-Accept}. From then on the server's frames are read with wsline's strict decoder, so a frame
     * that breaks RFC 6455 (masked, a reserved bit, a Close with code 1005) fails the test.
     *
     * @param serverInitializer the initializer of the server's accepted channels, as given to {@code childHandler}
     * @param uri               the request target, path and query, e.g. {@code /chat?room=lobby}
     * @param headers           extra request headers, each as {@code "Name: value"}; one named as a browser's own
     *                          ({@code "Sec-WebSocket-Version: 8"}) replaces it
     * @return the connected client
     * @throws AssertionError if the server does not accept the handshake
     */
    public static WebSocketTestClient connect(ChannelInitializer<?> serverInitializer, String uri, String... headers) {
        WebSocketTestClient client = new WebSocketTestClient(EmbeddedSocketChannel.open(serverInitializer));
        HandshakeExchange handshake = client.exchangeHandshake(uri, headers);
        String problem = handshake.problem();
        if (problem != null) {
            handshake.leftover.forEach(ByteBuf::release);
            client.ignoreUnread().close();
            throw new AssertionError(problem);
        }
        client.handshakeHeaders = handshake.headers();
        client.upgraded(handshake.headers(), handshake.leftover);
        return client;
    }

    /**
     * Sends an upgrade request as {@link #connect} does, and asserts that the server refuses it with {@code status}
     * and closes the connection.
     *
     * @param status  the status the server must answer, e.g. 403
     * @param config  the server's configuration
     * @param uri     the request target, path and query
     * @param headers extra request headers, each as {@code "Name: value"}; one named as a browser's own
     *                ({@code "Sec-WebSocket-Version: 8"}) replaces it
     * @return the body of the refusal
     * @throws AssertionError if the server answers another status or leaves the connection open
     */
    public static String expectRefusal(int status, WebSocketServerConfig config, String uri, String... headers) {
        return expectRefusal(status, initializerOf(config), uri, headers);
    }

    /**
     * Sends an upgrade request to the server pipeline {@code serverInitializer} builds, as
     * {@link #connect(ChannelInitializer, String, String...)} does, and asserts that the server refuses it with
     * {@code status} and closes the connection.
     *
     * @param status            the status the server must answer, e.g. 403
     * @param serverInitializer the initializer of the server's accepted channels
     * @param uri               the request target, path and query
     * @param headers           extra request headers, each as {@code "Name: value"}; one named as a browser's own
     *                          ({@code "Sec-WebSocket-Version: 8"}) replaces it
     * @return the body of the refusal
     * @throws AssertionError if the server answers another status or leaves the connection open
     */
    public static String expectRefusal(int status, ChannelInitializer<?> serverInitializer, String uri,
            String... headers) {
        WebSocketTestClient client = new WebSocketTestClient(EmbeddedSocketChannel.open(serverInitializer));
        try {
            HandshakeExchange handshake = client.exchangeHandshake(uri, headers);
            handshake.leftover.forEach(ByteBuf::release);
            if (handshake.status() != status) {
                throw new AssertionError("Expected the upgrade to be refused with " + status + ", got "
                        + handshake.status() + " " + handshake.body().trim());
            }
            client.pump();
            if (!client.wire.ended()) { // RFC 6455 does not require it; the kit does, as wsline does
                throw new AssertionError("The server refused the upgrade with " + status
                        + " but left the connection open.");
            }
            return handshake.body();
        } finally {
            client.ignoreUnread().close();
        }
    }

    /** The server pipeline {@code config} describes: its HTTP codec and upgrade handler. */
    private static ChannelInitializer<Channel> initializerOf(WebSocketServerConfig config) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config));
            }
        };
    }

    /**
     * {@return the headers of the server's 101 response ({@code Sec-WebSocket-Protocol}, extensions)} Empty for a
     * client made by {@link #openUpgraded}.
     */
    public HttpHeaders handshakeHeaders() {
        return handshakeHeaders;
    }

    /**
     * Masks every frame with this key instead of a random one, for byte-exact tests.
     *
     * @param maskKey the 32-bit masking key, first byte in the high bits
     * @return this client
     */
    public WebSocketTestClient maskKey(int maskKey) {
        this.fixedMaskKey = maskKey;
        return this;
    }

    /**
     * {@return the server's channel, to inspect or drive its pipeline directly} An {@code EmbeddedChannel} that is also
     * a {@code SocketChannel}.
     */
    public EmbeddedChannel serverChannel() {
        return wire.channel;
    }

    @Override
    WebSocketTestClient self() {
        return this;
    }

    @Override
    byte[] bytesOf(RawFrame frame) {
        return frame.toBytes(true, fixedMaskKey != null ? fixedMaskKey : maskKeys.nextInt());
    }

    private HandshakeExchange exchangeHandshake(String uri, String... headers) {
        HandshakeExchange handshake = new HandshakeExchange();
        sendRaw(handshake.request(uri, headers));
        if (!handshake.readResponse(wire.drainWritten())) {
            throw new AssertionError("The server did not answer the upgrade request.");
        }
        return handshake;
    }
}
