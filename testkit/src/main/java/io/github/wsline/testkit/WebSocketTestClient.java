package io.github.wsline.testkit;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.FrameDecoder;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
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
    private final EmbeddedChannel server;
    /** Decodes what the server wrote, in the client role: strict, with no size limit of its own. */
    private final EmbeddedChannel reader;
    private final Deque<ReceivedFrame> received = new ArrayDeque<>();
    private final Random maskKeys = new Random();
    private int chunkSize = Integer.MAX_VALUE;
    private Integer fixedMaskKey;
    private HttpHeaders handshakeHeaders = new DefaultHttpHeaders();

    private WebSocketTestClient(EmbeddedChannel server) {
        this.server = server;
        WebSocketConfig readerConfig = WebSocketConfig.builder()
                .role(WebSocketConfig.Role.CLIENT)
                .maxFramePayloadLength(Integer.MAX_VALUE)
                .maxMessageSize(Integer.MAX_VALUE)
                .build();
        this.reader = new EmbeddedChannel(new FrameDecoder(readerConfig));
    }

    /**
     * A server channel whose clock is frozen before its handlers are added: a timer they start (keepalive, handshake
     * timeout) is due exactly its delay after the frozen now, however long the machine takes to add them. The
     * handlers start from {@code handlerAdded} on an active channel, as handlers added by a route do.
     */
    private static EmbeddedChannel frozenChannel(ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(handlers);
        return channel;
    }

    /**
     * {@return a client connected to a server pipeline whose opening handshake is already done}
     *
     * @param serverConfig        the server's codec configuration
     * @param applicationHandlers the handlers behind the codec, as a route would install them
     */
    public static WebSocketTestClient openUpgraded(WebSocketConfig serverConfig, ChannelHandler... applicationHandlers) {
        EmbeddedChannel channel = frozenChannel(new WebSocketConnectionHandler(serverConfig));
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
        WebSocketTestClient client = new WebSocketTestClient(
                frozenChannel(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config)));
        HandshakeExchange handshake = client.exchangeHandshake(uri, headers);
        String problem = handshake.problem();
        if (problem != null) {
            handshake.leftover.forEach(ByteBuf::release);
            client.close();
            throw new AssertionError(problem);
        }
        client.handshakeHeaders = handshake.headers();
        handshake.leftover.forEach(client::decode);
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
        WebSocketTestClient client = new WebSocketTestClient(
                frozenChannel(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config)));
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
            client.close();
        }
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
        if (bytes <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + bytes);
        }
        this.chunkSize = bytes;
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

    /** {@return the server's channel, to inspect or drive its pipeline directly} */
    public EmbeddedChannel serverChannel() {
        return server;
    }

    /**
     * Sends a final, masked Text frame.
     *
     * @param text the payload, encoded as UTF-8
     * @return this client
     */
    public WebSocketTestClient sendText(String text) {
        return send(RawFrame.text(text));
    }

    /**
     * Sends a final, masked Binary frame.
     *
     * @param data the payload
     * @return this client
     */
    public WebSocketTestClient sendBinary(byte[] data) {
        return send(RawFrame.binary(data));
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
        for (int offset = 0; offset < bytes.length && server.isOpen(); offset += chunkSize) {
            int length = Math.min(chunkSize, bytes.length - offset);
            server.writeInbound(Unpooled.copiedBuffer(bytes, offset, length)); // a fresh buffer: the decoder unmasks in place
        }
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
     * {@return the next frame the server sent}
     *
     * @throws AssertionError if the server sent none
     */
    public ReceivedFrame readFrame() {
        pump();
        ReceivedFrame frame = received.poll();
        if (frame == null) {
            throw new AssertionError(server.isOpen() ? "Expected a frame, but the server sent none."
                    : "Expected a frame, but the server closed the connection without sending one.");
        }
        return frame;
    }

    /**
     * {@return the next whole message, Text or Binary, its fragments joined} Control frames between its fragments
     * stay queued, to be read after it.
     *
     * @throws AssertionError if the server sent no message, or a fragment that does not continue it
     */
    public ReceivedFrame readMessage() {
        pump();
        Deque<ReceivedFrame> controlFrames = new ArrayDeque<>();
        ReceivedFrame first = nextDataFrame(controlFrames);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(first.payload());
        for (ReceivedFrame fragment = first; !fragment.isFinalFragment(); ) {
            fragment = nextDataFrame(controlFrames);
            if (fragment.type() != ReceivedFrame.Type.CONTINUATION) {
                throw new AssertionError("Expected a continuation of the " + first.type() + " message, got " + fragment);
            }
            content.writeBytes(fragment.payload());
        }
        while (!controlFrames.isEmpty()) {
            received.addFirst(controlFrames.removeLast());
        }
        return new ReceivedFrame(first.type(), true, first.rsv(), content.toByteArray());
    }

    /**
     * {@return the next message's text}
     *
     * @throws AssertionError if the next message is not Text, or there is none
     */
    public String readText() {
        ReceivedFrame message = readMessage();
        if (message.type() != ReceivedFrame.Type.TEXT) {
            throw new AssertionError("Expected a text message, got " + message);
        }
        return message.text();
    }

    /**
     * {@return the next message's payload}
     *
     * @throws AssertionError if the next message is not Binary, or there is none
     */
    public byte[] readBinary() {
        ReceivedFrame message = readMessage();
        if (message.type() != ReceivedFrame.Type.BINARY) {
            throw new AssertionError("Expected a binary message, got " + message);
        }
        return message.payload();
    }

    /**
     * Asserts that the next frame is a Close with this code.
     *
     * @param code the status code expected (RFC 6455 §7.4)
     * @return the Close frame, to check its reason
     * @throws AssertionError if the next frame is another, or there is none
     */
    public ReceivedFrame expectClose(int code) {
        ReceivedFrame frame = readFrame();
        if (frame.type() != ReceivedFrame.Type.CLOSE || frame.closeCode() != code) {
            throw new AssertionError("Expected Close " + code + ", got " + frame);
        }
        return frame;
    }

    /** Asserts that the server has closed the connection. */
    public void expectConnectionClosed() {
        pump();
        if (server.isOpen()) {
            throw new AssertionError("Expected the server to close the connection, but it is open.");
        }
    }

    /** Asserts that the connection is still open. */
    public void expectConnectionOpen() {
        pump();
        if (!server.isOpen()) {
            throw new AssertionError("Expected the connection to be open, but the server closed it.");
        }
    }

    /** Asserts that the server sent nothing more. */
    public void expectNoMoreFrames() {
        pump();
        if (!received.isEmpty()) {
            throw new AssertionError("Expected no more frames, got " + received);
        }
    }

    /**
     * Moves the server's frozen clock forward and runs what became due (close timeouts, idle timers).
     *
     * @param duration how far to move the clock
     * @return this client
     */
    public WebSocketTestClient advanceTime(Duration duration) {
        server.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        server.runScheduledPendingTasks();
        return this;
    }

    /** Closes both ends and releases everything still queued; fails if the server left an exception unhandled. */
    @Override
    public void close() {
        reader.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    private ReceivedFrame nextDataFrame(Deque<ReceivedFrame> controlFrames) {
        for (;;) {
            ReceivedFrame frame = readFrame();
            if (frame.type() == ReceivedFrame.Type.TEXT || frame.type() == ReceivedFrame.Type.BINARY
                    || frame.type() == ReceivedFrame.Type.CONTINUATION) {
                return frame;
            }
            controlFrames.add(frame);
        }
    }

    private HandshakeExchange exchangeHandshake(String uri, String... headers) {
        HandshakeExchange handshake = new HandshakeExchange();
        sendRaw(handshake.request(uri, headers));
        if (!handshake.readResponse(drainWritten())) {
            throw new AssertionError("The server did not answer the upgrade request.");
        }
        return handshake;
    }

    /** What the server wrote since the last call, as bytes. */
    private List<ByteBuf> drainWritten() {
        server.runPendingTasks();
        List<ByteBuf> written = new ArrayList<>();
        for (Object msg; (msg = server.readOutbound()) != null; ) {
            if (!(msg instanceof ByteBuf)) {
                ReferenceCountUtil.release(msg);
                written.forEach(ByteBuf::release);
                throw new AssertionError("The server wrote a " + msg.getClass().getName()
                        + " past its encoder; only bytes reach the network.");
            }
            written.add((ByteBuf) msg);
        }
        return written;
    }

    /** Decodes bytes the server sent, as a strict client. */
    private void decode(ByteBuf bytes) {
        if (!reader.isOpen()) {
            bytes.release();
            return;
        }
        try {
            reader.writeInbound(bytes);
        } catch (DecoderException e) {
            throw new AssertionError("The server sent a frame that breaks RFC 6455: " + e.getMessage(), e);
        }
    }

    /** Runs the server's pending tasks and decodes everything it wrote since the last call. */
    private void pump() {
        drainWritten().forEach(this::decode);
        for (Object frame; (frame = reader.readInbound()) != null; ) {
            try {
                received.add(ReceivedFrame.copyOf((WebSocketFrame) frame));
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
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
        return "WebSocketTestClient{server=" + server + ", received=" + Arrays.toString(received.toArray()) + '}';
    }
}
