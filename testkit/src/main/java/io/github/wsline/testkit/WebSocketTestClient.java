package io.github.wsline.testkit;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for tests, talking to a server pipeline on an {@link EmbeddedChannel}: no network, no threads,
 * no waiting. It sends masked frames as a browser does, or any malformed frame or raw bytes, in reads of any size;
 * it decodes what the server wrote and checks that the server kept to RFC 6455 (a frame the server must not send
 * fails the test). Every buffer it touches it releases; {@link #close()} releases the rest.
 *
 * <pre>{@code
 * WebSocketServerConfig server = WebSocketServerConfig.builder().route("/echo", EchoHandler::new).build();
 * try (WebSocketTestClient client = WebSocketTestClient.connect(server, "/echo")) {
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
public final class WebSocketTestClient implements AutoCloseable {
    /**
     * The {@code Sec-WebSocket-Extensions} header a browser sends to offer permessage-deflate (RFC 7692), to pass to
     * {@link #connect(ChannelInitializer, String, String...)} among the headers. When the server agrees, the client
     * compresses every message it sends with {@link #sendText} and {@link #sendBinary}, and {@link #readMessage}
     * inflates every message whose first frame carries RSV1.
     */
    public static final String OFFER_DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

    private final ChannelWire wire;
    private final Random maskKeys = new Random();
    private Integer fixedMaskKey;
    private HttpHeaders handshakeHeaders = new DefaultHttpHeaders();
    /** Decodes what the server wrote, in the client role: strict, with no size limit of its own. */
    private FrameReader frames = new FrameReader(WebSocketConfig.Role.CLIENT, null);
    private DeflateStreams deflate;
    private boolean ignoreUnread;

    private WebSocketTestClient(EmbeddedChannel server) {
        this.wire = new ChannelWire(server, "server");
    }

    /**
     * {@return a client connected to a server pipeline whose opening handshake is already done}
     *
     * @param serverConfig        the server's codec configuration
     * @param applicationHandlers the handlers behind the codec, as a route would install them
     */
    public static WebSocketTestClient openUpgraded(WebSocketConfig serverConfig, ChannelHandler... applicationHandlers) {
        // Handlers added once the frozen channel is active, as a route adds them: a timer they start (keepalive) is
        // due exactly its delay after the frozen now.
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new WebSocketConnectionHandler(serverConfig));
        channel.pipeline().addLast(applicationHandlers);
        return new WebSocketTestClient(channel);
    }

    /**
     * A client connected through the real opening handshake: the server pipeline is {@code config}'s HTTP codec and
     * upgrade handler, and the client sends a browser's upgrade request for {@code uri} (path and query) with any
     * extra {@code headers} ({@code "Origin: https://example.com"}). Fails unless the server answers 101 with the
     * right {@code Sec-WebSocket-Accept}; frames the server sent right behind its 101 are kept for reading.
     *
     * @param config  the server's configuration
     * @param uri     the request target, path and query, e.g. {@code /chat?room=lobby}
     * @param headers extra request headers, each as {@code "Name: value"}
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
     * @param headers           extra request headers, each as {@code "Name: value"}
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
        client.deflate = DeflateStreams.agreedIn(handshake.headers(), "client");
        client.frames = new FrameReader(WebSocketConfig.Role.CLIENT, client.deflate);
        handshake.leftover.forEach(client.frames::decode);
        return client;
    }

    /**
     * Sends an upgrade request as {@link #connect} does, and asserts that the server refuses it with {@code status}
     * and closes the connection.
     *
     * @param status  the status the server must answer, e.g. 403
     * @param config  the server's configuration
     * @param uri     the request target, path and query
     * @param headers extra request headers, each as {@code "Name: value"}
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
     * @param headers           extra request headers, each as {@code "Name: value"}
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
            client.expectConnectionClosed();
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
     * Delivers everything this client sends to the server in reads of at most {@code bytes} bytes, to test a
     * decoder on frames split anywhere. Default: each send in one read.
     *
     * @param bytes the largest read, 1 or more
     * @return this client
     * @throws IllegalArgumentException if {@code bytes} is zero or negative
     */
    public WebSocketTestClient chunkSize(int bytes) {
        wire.chunkSize(bytes);
        return this;
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
     * Lets {@link #close()} discard frames the test did not read, instead of failing. For a test that checks one
     * thing of a chatty server, and says so.
     *
     * @return this client
     */
    public WebSocketTestClient ignoreUnread() {
        this.ignoreUnread = true;
        return this;
    }

    /** {@return the server's channel, to inspect or drive its pipeline directly} */
    public EmbeddedChannel serverChannel() {
        return wire.channel;
    }

    /**
     * Sends a Text message in one final, masked frame; compressed (RSV1) when permessage-deflate was agreed.
     *
     * @param text the payload, encoded as UTF-8
     * @return this client
     */
    public WebSocketTestClient sendText(String text) {
        return sendMessage(RawFrame.OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a Binary message in one final, masked frame; compressed (RSV1) when permessage-deflate was agreed.
     *
     * @param data the payload
     * @return this client
     */
    public WebSocketTestClient sendBinary(byte[] data) {
        return sendMessage(RawFrame.OPCODE_BINARY, data);
    }

    /**
     * Sends a masked Ping frame; the server must answer with a Pong of the same data (RFC 6455 §5.5.2).
     *
     * @param data the application data
     * @return this client
     */
    public WebSocketTestClient sendPing(byte[] data) {
        return send(RawFrame.ping(data));
    }

    /**
     * Sends a masked, unsolicited Pong frame (RFC 6455 §5.5.3).
     *
     * @param data the application data
     * @return this client
     */
    public WebSocketTestClient sendPong(byte[] data) {
        return send(RawFrame.pong(data));
    }

    /**
     * Sends a masked Close frame, which starts the closing handshake (RFC 6455 §5.5.1).
     *
     * @param code   the status code, written as given, valid or not
     * @param reason the reason, encoded as UTF-8; may be empty
     * @return this client
     */
    public WebSocketTestClient sendClose(int code, String reason) {
        return send(RawFrame.close(code, reason));
    }

    /**
     * Sends any frame, valid or not, masked with the client's key unless the frame says otherwise.
     *
     * @param frame the frame, as built field by field
     * @return this client
     */
    public WebSocketTestClient send(RawFrame frame) {
        return sendRaw(frame.toBytes(fixedMaskKey != null ? fixedMaskKey : maskKeys.nextInt()));
    }

    /**
     * Sends bytes as they are, in reads of at most the chunk size; stops when the server closes the connection.
     *
     * @param bytes what goes on the wire
     * @return this client
     */
    public WebSocketTestClient sendRaw(byte[] bytes) {
        wire.deliver(bytes);
        return this;
    }

    /**
     * Sends bytes written as hex, as {@link #sendRaw} does.
     *
     * @param hex two digits a byte, spaces allowed: {@code "81 85 37 fa 21 3d 7f 9f 4d 51 58"}
     * @return this client
     * @throws IllegalArgumentException if {@code hex} has an odd number of digits or a character that is not one
     */
    public WebSocketTestClient sendHex(String hex) {
        return sendRaw(parseHex(hex));
    }

    /**
     * {@return the next frame the server sent, as it was on the wire} A compressed frame's payload is as sent:
     * {@link #readMessage()} inflates.
     *
     * @throws AssertionError if the server sent none
     */
    public ReceivedFrame readFrame() {
        pump();
        return frames.readFrame(!wire.ended());
    }

    /**
     * {@return the next whole message, Text or Binary, its fragments joined, inflated if it came compressed} Control
     * frames between its fragments stay queued, to be read after it. It keeps its first frame's RSV bits:
     * {@code rsv() == 4} (RSV1) says that it came compressed.
     *
     * @throws AssertionError if the server sent no message, or a fragment that does not continue it
     */
    public ReceivedFrame readMessage() {
        pump();
        return frames.readMessage(!wire.ended());
    }

    /**
     * {@return the next message's text}
     *
     * @throws AssertionError if the next message is not Text, or there is none
     */
    public String readText() {
        pump();
        return frames.readText(!wire.ended());
    }

    /**
     * {@return the next message's payload}
     *
     * @throws AssertionError if the next message is not Binary, or there is none
     */
    public byte[] readBinary() {
        pump();
        return frames.readBinary(!wire.ended());
    }

    /**
     * Asserts that the next frame is a Close with this code.
     *
     * @param code the status code expected (RFC 6455 §7.4)
     * @return the Close frame, to check its reason
     * @throws AssertionError if the next frame is another, or there is none
     */
    public ReceivedFrame expectClose(int code) {
        pump();
        return frames.expectClose(code, !wire.ended());
    }

    /**
     * Asserts that the server has closed the connection, or shut down its output (a half-close, which wsline's codec
     * does after a protocol violation: RFC 6455 §7.1.1); the client then closes its side too, as a browser does.
     */
    public void expectConnectionClosed() {
        pump();
        if (!wire.ended()) {
            throw new AssertionError("Expected the server to close the connection, but it is open.");
        }
        wire.endOurSide();
    }

    /** Asserts that the connection is still open. */
    public void expectConnectionOpen() {
        pump();
        if (wire.ended()) {
            throw new AssertionError("Expected the connection to be open, but the server closed it.");
        }
    }

    /** Asserts that the server sent nothing more. */
    public void expectNoMoreFrames() {
        pump();
        frames.expectNoMoreFrames(".");
    }

    /**
     * Moves the server's frozen clock forward and runs what became due (close timeouts, idle timers).
     *
     * @param duration how far to move the clock
     * @return this client
     */
    public WebSocketTestClient advanceTime(Duration duration) {
        wire.advanceTime(duration.toNanos());
        return this;
    }

    /**
     * Closes both ends and releases everything still queued. Fails if the server sent frames the test did not read
     * (unless {@link #ignoreUnread()}), or left an exception unhandled.
     *
     * @throws AssertionError if frames were left unread
     */
    @Override
    public void close() {
        try {
            if (!ignoreUnread) {
                pump();
                frames.expectNoMoreFrames(" that the test did not read (read them, or call ignoreUnread()).");
            }
        } finally {
            frames.close();
            wire.channel.finishAndReleaseAll();
        }
    }

    private WebSocketTestClient sendMessage(int opcode, byte[] payload) {
        byte[] compressed = deflate != null ? deflate.compress(payload) : null;
        return send(compressed != null ? RawFrame.of(opcode, compressed).rsv(WebSocketConfig.RSV1)
                : RawFrame.of(opcode, payload));
    }

    private HandshakeExchange exchangeHandshake(String uri, String... headers) {
        HandshakeExchange handshake = new HandshakeExchange();
        sendRaw(handshake.request(uri, headers));
        if (!handshake.readResponse(wire.drainWritten())) {
            throw new AssertionError("The server did not answer the upgrade request.");
        }
        return handshake;
    }

    /** Runs the server's pending tasks and decodes everything it wrote since the last call. */
    private void pump() {
        wire.drainWritten().forEach(frames::decode);
    }

    static byte[] parseHex(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("Odd number of hex digits: " + hex);
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "WebSocketTestClient{server=" + wire.channel + ", received=" + frames + '}';
    }
}
