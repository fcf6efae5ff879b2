package io.github.wsline.codec;

import static io.github.wsline.codec.WebSocketProtocol.B0_FLAG_FIN;
import static io.github.wsline.codec.WebSocketProtocol.B0_RSV_SHIFT;
import static io.github.wsline.codec.WebSocketProtocol.B1_FLAG_MASK;
import static io.github.wsline.codec.WebSocketProtocol.MASK_KEY_LENGTH;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_BYTE_MAX;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_LONG;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_SHORT;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_SHORT_MAX;
import static io.github.wsline.codec.WebSocketProtocol.closePayloadViolation;
import static io.github.wsline.codec.WebSocketProtocol.controlFrameViolation;

import io.github.wsline.codec.internal.Masking;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.function.IntSupplier;

/**
 * Encodes Netty's websocketx frames as RFC 6455 §5.2 frames, the length in its minimal encoding. In the client role
 * every frame is masked with a fresh key from a {@code SecureRandom} (§5.3: "derived from a strong source of
 * entropy", see {@link MaskKeys}); in the server role nothing is masked. Control frames longer than 125 bytes,
 * fragmented control frames and Close frames that the peer would refuse (a payload of 1 byte, a code that must not be
 * sent, a reason that is not UTF-8: §5.5.1, §7.4) are refused: the write fails, with the sentence the decoder uses for
 * the same fault, and nothing is sent.
 *
 * <p>A server frame whose payload is over {@value #COPY_THRESHOLD} bytes is written as its header followed by the
 * payload buffer itself, not copied; smaller ones, and every client frame (masking writes a copy), go out as one
 * buffer.
 *
 * <p>Messages that are not frames, such as frames already encoded into a {@code ByteBuf}, pass through unchanged. A
 * {@link PreparedMessage} is sent as its shared plain frame in the server role, as a frame of its own in the client
 * role.
 *
 * <p>It is a plain outbound handler rather than a {@code MessageToMessageEncoder}: writing its one or two buffers
 * itself saves that class's output list and, for two buffers, a promise combiner on every frame.
 */
public class FrameEncoder extends ChannelOutboundHandlerAdapter {
    /** Up to this payload size, copying into one buffer costs less than a second buffer and a gathering write. */
    static final int COPY_THRESHOLD = 1024;

    /** Null in the server role, which does not mask. */
    private final IntSupplier maskKeys;
    /**
     * For the header of a frame written as two buffers. The payload's write carries the caller's promise, and it
     * fails whenever the header's did (same channel, same order), so the header needs no promise of its own.
     */
    private ChannelPromise headerPromise;

    /**
     * An encoder for one connection: in the client role it masks every frame (RFC 6455 §5.3), in the server role
     * none.
     *
     * @param config only its role applies
     */
    public FrameEncoder(WebSocketConfig config) {
        this(config.role() == WebSocketConfig.Role.CLIENT ? MaskKeys::next : null);
    }

    /** For tests that need byte-exact masked frames. */
    FrameEncoder(IntSupplier maskKeys) {
        this.maskKeys = maskKeys;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        headerPromise = new VoidChannelPromise(ctx.channel(), false);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        Object message = msg instanceof PreparedMessage ? unprepare(ctx, (PreparedMessage) msg) : msg;
        if (message instanceof WebSocketFrame) {
            encode(ctx, (WebSocketFrame) message, promise);
        } else {
            ctx.write(message, promise);
        }
    }

    /** The prepared message's shared bytes, unmasked; or, to be masked, a frame of its own. */
    private Object unprepare(ChannelHandlerContext ctx, PreparedMessage message) {
        try {
            return maskKeys == null ? message.plainFrame(ctx.alloc()) : message.newFrame();
        } finally {
            message.release();
        }
    }

    /**
     * Writes the frame as one buffer, or as its header followed by its own payload buffer (whose ownership passes
     * on to the transport). Takes ownership of the frame; a frame that must not be sent fails the promise.
     */
    private void encode(ChannelHandlerContext ctx, WebSocketFrame frame, ChannelPromise promise) {
        ByteBuf payload = frame.content();
        int length = payload.readableBytes();
        boolean copy = maskKeys != null || length <= COPY_THRESHOLD;
        ByteBuf buf = null;
        try {
            buf = ctx.alloc().buffer(headerLength(length, maskKeys != null) + (copy ? length : 0));
            int maskKey = writeHeader(frame, length, buf, maskKeys);
            if (copy) {
                writePayload(payload, buf, maskKey);
            }
        } catch (RuntimeException e) {
            if (buf != null) {
                buf.release();
            }
            frame.release();
            promise.setFailure(new EncoderException(e));
            return;
        }
        if (copy) {
            frame.release();
            ctx.write(buf, promise);
        } else {
            ctx.write(buf, promise.isVoid() ? promise : headerPromise);
            ctx.write(payload, promise);
        }
    }

    /**
     * Encodes a frame as the server role sends it, unmasked, so that the same bytes can be written to many
     * channels (each gets a {@code retainedDuplicate()}): a broadcast is encoded once, not once per receiver.
     * {@link PreparedMessage} does this for you.
     *
     * @param alloc allocates the result
     * @param frame the frame to encode; its ownership passes to this method, which releases it
     * @return the frame's header and payload in one buffer, owned by the caller
     * @throws IllegalArgumentException when the frame must not be sent, as {@link FrameEncoder} refuses it
     */
    public static ByteBuf encodeUnmasked(ByteBufAllocator alloc, WebSocketFrame frame) {
        try {
            int length = frame.content().readableBytes();
            ByteBuf out = alloc.buffer(headerLength(length, false) + length);
            try {
                writeHeader(frame, length, out, null);
                out.writeBytes(frame.content(), frame.content().readerIndex(), length);
                return out;
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
        } finally {
            frame.release();
        }
    }

    /** Writes the header, with a fresh masking key when {@code maskKeys} is given; returns the key, 0 for none. */
    private static int writeHeader(WebSocketFrame frame, int length, ByteBuf out, IntSupplier maskKeys) {
        FrameKind kind = FrameKind.of(frame);
        if (kind == null) {
            throw new IllegalArgumentException("Unknown frame type " + frame.getClass().getName() + ".");
        }
        if (kind.isControl()) {
            checkControlFrame(frame, kind, length);
        }
        out.writeByte((frame.isFinalFragment() ? B0_FLAG_FIN : 0) | (frame.rsv() << B0_RSV_SHIFT) | kind.opcode);
        int maskBit = maskKeys != null ? B1_FLAG_MASK : 0;
        if (length <= PAYLOAD_BYTE_MAX) {
            out.writeByte(maskBit | length);
        } else if (length <= PAYLOAD_SHORT_MAX) {
            out.writeByte(maskBit | PAYLOAD_SHORT);
            out.writeShort(length);
        } else {
            out.writeByte(maskBit | PAYLOAD_LONG);
            out.writeLong(length);
        }
        if (maskKeys == null) {
            return 0;
        }
        int maskKey = maskKeys.getAsInt();
        out.writeInt(maskKey);
        return maskKey;
    }

    private void writePayload(ByteBuf payload, ByteBuf out, int maskKey) {
        int payloadIndex = out.writerIndex();
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        if (maskKeys != null) {
            Masking.apply(out, payloadIndex, payload.readableBytes(), maskKey, 0);
        }
    }

    private static int headerLength(int payloadLength, boolean masked) {
        int lengthBytes = payloadLength <= PAYLOAD_BYTE_MAX ? 0 : payloadLength <= PAYLOAD_SHORT_MAX ? 2 : 8;
        return 2 + lengthBytes + (masked ? MASK_KEY_LENGTH : 0);
    }

    /** §5.5: control frames are final and carry at most 125 bytes; §5.5.1, §7.4: what a Close payload may be. */
    private static void checkControlFrame(WebSocketFrame frame, FrameKind kind, int length) {
        WebSocketCloseStatus violation = controlFrameViolation(frame.isFinalFragment(), length);
        if (violation == null && kind == FrameKind.CLOSE) {
            violation = closePayloadViolation(frame.content(), frame.content().readerIndex(), length);
        }
        if (violation != null) {
            throw new IllegalArgumentException(violation.reasonText());
        }
    }
}
