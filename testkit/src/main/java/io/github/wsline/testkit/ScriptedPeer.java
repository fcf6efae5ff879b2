package io.github.wsline.testkit;

import io.github.wsline.codec.WebSocketConfig;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * What {@link WebSocketTestClient} and {@link WebSocketTestServer} share once the opening handshake is done: the
 * frames they send to the pipeline under test, and the frames they read from it, with wsline's strict decoder.
 *
 * @param <T> the public class, which the chained methods return
 */
abstract class ScriptedPeer<T extends ScriptedPeer<T>> implements AutoCloseable {
    final ChannelWire wire;
    private final WebSocketConfig.Role role;
    private final String peer;
    private FrameReader frames;
    private DeflateStreams deflate;
    private boolean ignoreUnread;

    /**
     * @param channel the channel of the pipeline under test
     * @param role    the role the kit plays against it
     */
    ScriptedPeer(EmbeddedSocketChannel channel, WebSocketConfig.Role role) {
        this.role = role;
        this.peer = role == WebSocketConfig.Role.CLIENT ? "server" : "client";
        this.wire = new ChannelWire(channel);
        this.frames = new FrameReader(role, null);
    }

    abstract T self();

    /** The frame as this side puts it on the wire: masked by the client, not by the server (RFC 6455 §5.1). */
    abstract byte[] bytesOf(RawFrame frame);

    /**
     * The opening handshake is done: the 101's {@code headers} decide on compression, and {@code firstBytes}, what
     * came right behind it, are the first frames.
     */
    final void upgraded(HttpHeaders headers, List<ByteBuf> firstBytes) {
        deflate = DeflateStreams.agreedIn(headers, role == WebSocketConfig.Role.CLIENT ? "client" : "server");
        frames.close();
        frames = new FrameReader(role, deflate);
        firstBytes.forEach(frames::decode);
    }

    /**
     * Delivers everything sent from now on in reads of at most {@code bytes} bytes, to test a decoder on frames split
     * anywhere. Default: each send in one read.
     *
     * @param bytes the largest read, 1 or more
     * @return this
     * @throws IllegalArgumentException if {@code bytes} is zero or negative
     */
    public T chunkSize(int bytes) {
        wire.chunkSize(bytes);
        return self();
    }

    /**
     * Lets {@link #close()} discard frames the test did not read, instead of failing. For a test that checks one
     * thing of a chatty peer, and says so.
     *
     * @return this
     */
    public T ignoreUnread() {
        this.ignoreUnread = true;
        return self();
    }

    /**
     * Sends a Text message in one final frame; compressed (RSV1) when permessage-deflate was agreed.
     *
     * @param text the payload, encoded as UTF-8
     * @return this
     */
    public T sendText(String text) {
        return sendMessage(RawFrame.OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a Binary message in one final frame; compressed (RSV1) when permessage-deflate was agreed.
     *
     * @param data the payload
     * @return this
     */
    public T sendBinary(byte[] data) {
        return sendMessage(RawFrame.OPCODE_BINARY, data);
    }

    /**
     * Sends a Ping frame; the peer must answer with a Pong of the same data (RFC 6455 §5.5.2).
     *
     * @param data the application data
     * @return this
     */
    public T sendPing(byte[] data) {
        return send(RawFrame.ping(data));
    }

    /**
     * Sends an unsolicited Pong frame (RFC 6455 §5.5.3).
     *
     * @param data the application data
     * @return this
     */
    public T sendPong(byte[] data) {
        return send(RawFrame.pong(data));
    }

    /**
     * Sends a Close frame, which starts the closing handshake (RFC 6455 §5.5.1), or answers the peer's.
     *
     * @param code   the status code, written as given, valid or not
     * @param reason the reason, encoded as UTF-8; may be empty
     * @return this
     */
    public T sendClose(int code, String reason) {
        return send(RawFrame.close(code, reason));
    }

    /**
     * Sends any frame, valid or not, as built; masked as this side masks unless the frame says otherwise.
     *
     * @param frame the frame, as built field by field
     * @return this
     */
    public T send(RawFrame frame) {
        return sendRaw(bytesOf(frame));
    }

    /**
     * Sends bytes as they are, in reads of at most the chunk size; stops when the peer closes the connection.
     *
     * @param bytes what goes on the wire
     * @return this
     */
    public T sendRaw(byte[] bytes) {
        wire.deliver(bytes);
        return self();
    }

    /**
     * Sends bytes written as hex, as {@link #sendRaw} does.
     *
     * @param hex two digits a byte, spaces allowed: {@code "81 85 37 fa 21 3d 7f 9f 4d 51 58"}
     * @return this
     * @throws IllegalArgumentException if {@code hex} has an odd number of digits or a character that is not one
     */
    public T sendHex(String hex) {
        return sendRaw(parseHex(hex));
    }

    /**
     * {@return the next frame the peer sent, as it was on the wire} A compressed frame's payload is as sent:
     * {@link #readMessage()} inflates.
     *
     * @throws AssertionError if the peer sent none
     */
    public ReceivedFrame readFrame() {
        pump();
        return frames.readFrame(noneSent());
    }

    /**
     * {@return the next whole message, Text or Binary, its fragments joined, inflated if it came compressed} Control
     * frames between its fragments stay queued, to be read after it. It keeps its first frame's RSV bits:
     * {@code rsv() == 4} (RSV1) says that it came compressed.
     *
     * @throws AssertionError if the peer sent no message, or a fragment that does not continue it
     */
    public ReceivedFrame readMessage() {
        pump();
        return frames.readMessage(noneSent());
    }

    /**
     * {@return the next message's text}
     *
     * @throws AssertionError if the next message is not Text, or there is none
     */
    public String readText() {
        pump();
        return frames.readText(noneSent());
    }

    /**
     * {@return the next message's payload}
     *
     * @throws AssertionError if the next message is not Binary, or there is none
     */
    public byte[] readBinary() {
        pump();
        return frames.readBinary(noneSent());
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
        return frames.expectClose(code, noneSent());
    }

    /**
     * Asserts that the peer has closed the connection, or shut down its output (a half-close, which wsline's codec
     * does after a protocol violation: RFC 6455 §7.1.1); this side then ends its own, as the other end of a TCP
     * connection does once it has read the end of the stream.
     *
     * @throws AssertionError if the connection is open
     */
    public void expectConnectionClosed() {
        pump();
        if (!wire.ended()) {
            throw new AssertionError("Expected the " + peer + " to close the connection, but it is open.");
        }
        wire.endOurSide();
    }

    /**
     * Asserts that the connection is still open.
     *
     * @throws AssertionError if the peer closed it
     */
    public void expectConnectionOpen() {
        pump();
        if (wire.ended()) {
            throw new AssertionError("Expected the connection to be open, but the " + peer + " closed it.");
        }
    }

    /**
     * Asserts that the peer sent nothing more.
     *
     * @throws AssertionError naming the frames that wait
     */
    public void expectNoMoreFrames() {
        pump();
        frames.expectNoMoreFrames(".");
    }

    /**
     * Moves the peer's frozen clock forward and runs what became due (close timeouts, idle timers, keepalive).
     *
     * @param duration how far to move the clock
     * @return this
     */
    public T advanceTime(Duration duration) {
        wire.advanceTime(duration.toNanos());
        return self();
    }

    /**
     * Closes both ends and releases everything still queued. Fails if the peer sent frames the test did not read
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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + peer + "=" + wire.channel + ", received=" + frames + '}';
    }

    /** Why a read found no frame, with the writes the socket refused, which may be the frame the test expected. */
    private String noneSent() {
        String refused = wire.channel.refusedWrites().isEmpty() ? ""
                : " Its writes of " + String.join(", ", wire.channel.refusedWrites())
                + " failed: only bytes reach the wire, a frame must pass the frame encoder.";
        return (wire.ended() ? "Expected a frame, but the " + peer + " closed the connection without sending one."
                : "Expected a frame, but the " + peer + " sent none.") + refused;
    }

    /** Runs the peer's pending tasks and decodes everything it wrote since the last call. */
    final void pump() {
        wire.drainWritten().forEach(frames::decode);
    }

    private T sendMessage(int opcode, byte[] payload) {
        byte[] compressed = deflate != null ? deflate.compress(payload) : null;
        return send(compressed != null ? RawFrame.of(opcode, compressed).rsv(WebSocketConfig.RSV1)
                : RawFrame.of(opcode, payload));
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
}
