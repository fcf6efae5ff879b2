package io.github.wsline.testkit;

import io.github.wsline.codec.FrameDecoder;
import io.github.wsline.codec.WebSocketConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;

/**
 * What the peer under test sent, decoded with wsline's strict decoder in the kit's role (a server requires masked
 * frames, a client unmasked ones, RFC 6455 §5.1), so that a frame the peer must not send fails the test; and the
 * frames decoded so far, for the test to read, whole messages inflated when permessage-deflate was agreed.
 */
final class FrameReader {
    private final String peer;
    private final EmbeddedChannel decoder;
    private final DeflateStreams deflate;
    private final Deque<ReceivedFrame> received = new ArrayDeque<>();

    /**
     * @param role    the kit's role
     * @param deflate the agreed compression, or null
     */
    FrameReader(WebSocketConfig.Role role, DeflateStreams deflate) {
        this.peer = role == WebSocketConfig.Role.CLIENT ? "server" : "client";
        this.deflate = deflate;
        this.decoder = new EmbeddedChannel(new FrameDecoder(WebSocketConfig.builder()
                .role(role)
                .maxFramePayloadLength(Integer.MAX_VALUE)
                .maxMessageSize(Integer.MAX_VALUE)
                .allowedRsvBits(deflate != null ? WebSocketConfig.RSV1 : 0)
                .build()));
    }

    /** Decodes bytes the peer sent; takes ownership of them. */
    void decode(ByteBuf bytes) {
        if (!decoder.isOpen()) {
            bytes.release();
            return;
        }
        try {
            decoder.writeInbound(bytes);
        } catch (DecoderException e) {
            throw new AssertionError("The " + peer + " sent a frame that breaks RFC 6455: " + e.getMessage(), e);
        }
        for (Object frame; (frame = decoder.readInbound()) != null; ) {
            try {
                received.add(ReceivedFrame.copyOf((WebSocketFrame) frame));
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
    }

    /** {@return the next frame, as it was on the wire} {@code noneSent} is the failure when there is none. */
    ReceivedFrame readFrame(String noneSent) {
        ReceivedFrame frame = received.poll();
        if (frame == null) {
            throw new AssertionError(noneSent);
        }
        return frame;
    }

    /**
     * {@return the next whole message, its fragments joined, inflated if compressed} Control frames between its
     * fragments stay queued, to be read after it. The message keeps its first frame's RSV bits, so that a test sees
     * whether it came compressed.
     */
    ReceivedFrame readMessage(String noneSent) {
        Deque<ReceivedFrame> controlFrames = new ArrayDeque<>();
        ReceivedFrame first = nextDataFrame(controlFrames, noneSent);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(first.payload());
        for (ReceivedFrame fragment = first; !fragment.isFinalFragment(); ) {
            fragment = nextDataFrame(controlFrames, noneSent);
            if (fragment.type() != ReceivedFrame.Type.CONTINUATION) {
                throw new AssertionError("Expected a continuation of the " + first.type() + " message, got " + fragment);
            }
            content.writeBytes(fragment.payload());
        }
        while (!controlFrames.isEmpty()) {
            received.addFirst(controlFrames.removeLast());
        }
        byte[] payload = content.toByteArray();
        if (deflate != null && (first.rsv() & WebSocketConfig.RSV1) != 0) {
            payload = deflate.inflate(payload, peer);
        }
        return new ReceivedFrame(first.type(), true, first.rsv(), payload);
    }

    /** {@return the message's text} Fails unless the next message is Text. */
    String readText(String noneSent) {
        return expectMessage(ReceivedFrame.Type.TEXT, noneSent).text();
    }

    /** {@return the message's payload} Fails unless the next message is Binary. */
    byte[] readBinary(String noneSent) {
        return expectMessage(ReceivedFrame.Type.BINARY, noneSent).payload();
    }

    /** {@return the Close frame} Fails unless the next frame is a Close with this code. */
    ReceivedFrame expectClose(int code, String noneSent) {
        ReceivedFrame frame = readFrame(noneSent);
        if (frame.type() != ReceivedFrame.Type.CLOSE || frame.closeCode() != code) {
            throw new AssertionError("Expected Close " + code + ", got " + frame);
        }
        return frame;
    }

    /** Fails if frames are left unread; {@code hint} ends the message. */
    void expectNoMoreFrames(String hint) {
        if (!received.isEmpty()) {
            throw new AssertionError("Expected no more frames, but the " + peer + " sent "
                    + Arrays.toString(received.toArray()) + hint);
        }
    }

    /** Releases what the decoder still holds and zlib's memory. */
    void close() {
        decoder.finishAndReleaseAll();
        if (deflate != null) {
            deflate.end();
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(received.toArray());
    }

    private ReceivedFrame expectMessage(ReceivedFrame.Type type, String noneSent) {
        ReceivedFrame message = readMessage(noneSent);
        if (message.type() != type) {
            throw new AssertionError("Expected a " + type.name().toLowerCase(Locale.ROOT)
                    + " message, got " + message);
        }
        return message;
    }

    private ReceivedFrame nextDataFrame(Deque<ReceivedFrame> controlFrames, String noneSent) {
        for (;;) {
            ReceivedFrame frame = readFrame(noneSent);
            if (frame.type() == ReceivedFrame.Type.TEXT || frame.type() == ReceivedFrame.Type.BINARY
                    || frame.type() == ReceivedFrame.Type.CONTINUATION) {
                return frame;
            }
            controlFrames.add(frame);
        }
    }
}
