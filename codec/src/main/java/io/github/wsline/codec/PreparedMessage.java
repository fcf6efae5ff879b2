package io.github.wsline.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AbstractReferenceCounted;
import java.util.Objects;
import java.util.zip.Deflater;

/**
 * A Text or Binary message to send to many connections, encoded once, such as a chat room's message to its members.
 * Write it to each connection's pipeline; the first connection that needs a form of the frame encodes it, and every
 * other one writes the same bytes (a retained duplicate), compressed or not:
 * <pre>{@code
 * PreparedMessage message = PreparedMessage.text(json);
 * try {
 *     for (Channel member : members) {
 *         member.writeAndFlush(message.retain()); // each write owns one reference
 *     }
 * } finally {
 *     message.release();
 * }
 * }</pre>
 *
 * What a connection sends, given what its opening handshake agreed:
 * <ul>
 *   <li>no permessage-deflate, or a message shorter than the compression threshold: the plain frame, shared;</li>
 *   <li>permessage-deflate with {@code server_no_context_takeover}: the compressed frame (RFC 7692 §7.2.1), shared by
 *       every connection with the same compression level. A server that broadcasts should therefore require
 *       {@code server_no_context_takeover}, as the handshake's permessage-deflate policy does by default;</li>
 *   <li>permessage-deflate with context takeover: a frame compressed for this connection alone, since its compressor
 *       remembers the connection's earlier messages; correct, but not shared;</li>
 *   <li>in the client role, where each frame is masked with a key of its own: a frame of its own.</li>
 * </ul>
 *
 * <p>Thread-safe: connections on different event loops may encode it at the same time. The encoded frames live as long
 * as the message, so release it once written.
 */
public final class PreparedMessage extends AbstractReferenceCounted {
    /** Text or Binary. */
    private final FrameKind kind;
    private final ByteBuf payload;
    /** The frames encoded so far, guarded by {@code this}: plain, and compressed by level. */
    private ByteBuf plainFrame;
    private final ByteBuf[] compressedFrames = new ByteBuf[Deflater.BEST_COMPRESSION + 1];

    private PreparedMessage(FrameKind kind, ByteBuf payload) {
        this.kind = kind;
        this.payload = payload;
    }

    /**
     * A Text message (RFC 6455 §5.6), its payload the text's UTF-8 bytes.
     *
     * @param text the message
     * @return the message, holding one reference: the caller's
     */
    public static PreparedMessage text(String text) {
        return new PreparedMessage(FrameKind.TEXT, Unpooled.wrappedBuffer(text.getBytes(UTF_8)));
    }

    /**
     * A Binary message (RFC 6455 §5.6).
     *
     * @param payload the message's bytes, from its reader index; its ownership passes to the message, which releases
     *                it when it is released itself
     * @return the message, holding one reference: the caller's
     */
    public static PreparedMessage binary(ByteBuf payload) {
        return new PreparedMessage(FrameKind.BINARY, Objects.requireNonNull(payload, "payload"));
    }

    /** {@return the message's length in bytes}, before any compression. */
    public int payloadLength() {
        return payload.readableBytes();
    }

    /** The frame as the server role sends it, uncompressed; the caller owns the result. */
    synchronized ByteBuf plainFrame(ByteBufAllocator alloc) {
        if (plainFrame == null) {
            plainFrame = FrameEncoder.encodeUnmasked(alloc, newFrame());
        }
        return plainFrame.retainedDuplicate();
    }

    /** The frame as the server role sends it compressed without context takeover; the caller owns the result. */
    synchronized ByteBuf compressedFrame(ByteBufAllocator alloc, int level) {
        if (compressedFrames[level] == null) {
            ByteBuf compressed = MessageCompressor.compressMessage(alloc, payload, level);
            compressedFrames[level] =
                    FrameEncoder.encodeUnmasked(alloc, kind.newFrame(true, WebSocketConfig.RSV1, compressed));
        }
        return compressedFrames[level].retainedDuplicate();
    }

    /** A frame of its own carrying the payload, to be compressed or masked per connection; the caller owns it. */
    WebSocketFrame newFrame() {
        return kind.newFrame(true, 0, payload.retainedDuplicate());
    }

    @Override
    protected synchronized void deallocate() {
        payload.release();
        if (plainFrame != null) {
            plainFrame.release();
        }
        for (ByteBuf frame : compressedFrames) {
            if (frame != null) {
                frame.release();
            }
        }
    }

    @Override
    public PreparedMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public PreparedMessage retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public PreparedMessage touch() {
        super.touch();
        return this;
    }

    @Override
    public PreparedMessage touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "PreparedMessage(" + (kind == FrameKind.TEXT ? "Text" : "Binary") + ", " + payloadLength() + " bytes)";
    }
}
