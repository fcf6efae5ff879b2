package io.github.wsline.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.codec.WebSocketConfig.Role;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.WireFrames;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The peer of a {@link WebSocketConnectionHandler} under test, which runs on an {@link EmbeddedChannel} with the
 * application's handlers behind it: no network, no threads, and a frozen clock that moves only in
 * {@link #advanceTime(Duration)}. The peer writes test-support's {@link Frame}s into the channel as bytes, valid or
 * not, and reads what the endpoint wrote with test-support's reference parser, which shares no code with the codec. A
 * frame the endpoint must not send fails the test: masked by a server or unmasked by a client (RFC 6455 §5.1), a
 * control frame fragmented or over 125 bytes (§5.5), a length not minimally encoded (§5.2).
 */
final class Peer implements AutoCloseable {
    private final EmbeddedChannel channel;
    private final boolean endpointIsClient;
    private final Deque<Frame> received = new ArrayDeque<>();
    /** Fixed, so that a test's frames are the same bytes on every run. */
    private final Random maskKeys = new Random(6455);
    private int readSize = Integer.MAX_VALUE;

    private Peer(EmbeddedChannel channel, boolean endpointIsClient) {
        this.channel = channel;
        this.endpointIsClient = endpointIsClient;
    }

    /** The peer of a connection past its opening handshake: the codec with {@code config}, then the application. */
    static Peer of(WebSocketConfig config, ChannelHandler... application) {
        // The clock is frozen before the codec starts its timers (keepalive), so that each is due exactly its delay
        // after the frozen now, however long the machine takes to add the handlers.
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new WebSocketConnectionHandler(config));
        channel.pipeline().addLast(application);
        return new Peer(channel, config.role() == Role.CLIENT);
    }

    /** The endpoint's channel, to write to it as its application would, or to drive its pipeline. */
    EmbeddedChannel channel() {
        return channel;
    }

    /** Delivers everything sent from now on in reads of at most {@code bytes} bytes. */
    Peer chunkSize(int bytes) {
        this.readSize = bytes;
        return this;
    }

    /** Sends the frame, masked with the next key if it is masked. */
    Peer send(Frame frame) {
        return sendRaw(frame.toBytes(maskKeys.nextInt()));
    }

    /** Sends bytes as they are, each read in a fresh buffer (the decoder unmasks in place); stops once closed. */
    Peer sendRaw(byte[] bytes) {
        for (int offset = 0; offset < bytes.length && channel.isOpen(); offset += readSize) {
            int length = Math.min(readSize, bytes.length - offset);
            channel.writeInbound(channel.alloc().buffer(length).writeBytes(bytes, offset, length));
        }
        return this;
    }

    /** The next frame the endpoint wrote; fails if there is none. */
    Frame readFrame() {
        readWritten();
        Frame frame = received.poll();
        if (frame == null) {
            throw new AssertionError("Expected a frame, but the endpoint wrote none"
                    + (channel.isOpen() ? "." : " and closed the connection."));
        }
        return frame;
    }

    /** The next message, which must be Text, its fragments joined. */
    String readText() {
        return readMessage(Frame.OPCODE_TEXT).text();
    }

    /** The next message, which must be Binary, its fragments joined. */
    byte[] readBinary() {
        return readMessage(Frame.OPCODE_BINARY).payload();
    }

    /** Asserts that the next frame is a Close with this code, and returns it. */
    Frame expectClose(int code) {
        Frame frame = readFrame();
        if (frame.opcode() != Frame.OPCODE_CLOSE || frame.closeCode() != code) {
            throw new AssertionError("Expected Close " + code + ", got " + frame);
        }
        return frame;
    }

    /** Asserts that the endpoint wrote nothing more. */
    void expectNoMoreFrames() {
        readWritten();
        assertEquals("[]", received.toString(), "frames written beyond those expected");
    }

    void expectConnectionOpen() {
        expectConnection(true);
    }

    void expectConnectionClosed() {
        expectConnection(false);
    }

    /** Moves the endpoint's frozen clock forward and runs what became due (close timeouts, keepalive timers). */
    Peer advanceTime(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        return this;
    }

    /** Closes the channel and releases what it still holds; fails on an exception nobody handled. */
    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    private void expectConnection(boolean open) {
        readWritten();
        assertEquals(open, channel.isOpen(), open ? "the endpoint closed the connection" : "the connection is open");
    }

    /** A Text or Binary frame of {@code opcode}, then Continuations up to the final one, as one frame. */
    private Frame readMessage(int opcode) {
        Frame first = readFrame();
        if (first.opcode() != opcode) {
            throw new AssertionError("Expected a message of opcode " + opcode + ", got " + first);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(first.payload());
        Frame fragment = first;
        while (!fragment.fin()) {
            fragment = readFrame();
            if (fragment.opcode() != Frame.OPCODE_CONTINUATION) {
                throw new AssertionError("Expected a continuation of " + first + ", got " + fragment);
            }
            payload.writeBytes(fragment.payload());
        }
        return new Frame(true, first.rsv(), opcode, first.masked(), payload.toByteArray());
    }

    /** Runs the endpoint's pending tasks, then parses and checks everything it wrote since the last call. */
    private void readWritten() {
        channel.runPendingTasks();
        for (Frame frame : WireFrames.parse(WireFrames.drainOutbound(channel))) {
            if (frame.masked() != endpointIsClient) {
                throw new AssertionError((endpointIsClient ? "Unmasked client frame: " : "Masked server frame: ")
                        + frame);
            }
            if (frame.isControl() && (!frame.fin() || frame.payload().length > 125)) {
                throw new AssertionError("Control frame fragmented or over 125 bytes: " + frame);
            }
            received.add(frame);
        }
    }
}
