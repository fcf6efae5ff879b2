package io.github.wsline.codec;

import static io.github.wsline.codec.WebSocketProtocol.B0_FLAG_FIN;
import static io.github.wsline.codec.WebSocketProtocol.B0_MASK_OPCODE;
import static io.github.wsline.codec.WebSocketProtocol.B0_MASK_RSV;
import static io.github.wsline.codec.WebSocketProtocol.B0_RSV_SHIFT;
import static io.github.wsline.codec.WebSocketProtocol.B1_FLAG_MASK;
import static io.github.wsline.codec.WebSocketProtocol.B1_MASK_LENGTH;
import static io.github.wsline.codec.WebSocketProtocol.MASK_KEY_LENGTH;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_BYTE_MAX;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_LONG;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_SHORT;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_SHORT_MAX;
import static io.github.wsline.codec.WebSocketProtocol.closePayloadViolation;
import static io.github.wsline.codec.WebSocketProtocol.controlFrameViolation;
import static io.github.wsline.codec.WebSocketProtocol.protocolError;
import static io.github.wsline.codec.WebSocketProtocol.refusal;
import static io.github.wsline.codec.WebSocketProtocol.tooBig;

import io.github.wsline.codec.internal.Masking;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.List;

/**
 * Decodes RFC 6455 §5.2 frames into Netty's websocketx frame classes, enforcing every rule that the bytes alone
 * decide: masking direction, RSV bits, opcodes, control frame limits, length encoding, size limits, fragment order,
 * UTF-8 of Text messages and of Close reasons, and Close payloads.
 *
 * <p>A violation is raised as a {@link CorruptedWebSocketFrameException} carrying the close status the RFC asks for
 * (1002, 1007 or 1009); {@link WebSocketConnectionHandler} answers it with a Close frame. After a violation, and after
 * a Close frame, all further input is discarded (§5.5.1: nothing follows a Close).
 *
 * <p>Payloads are unmasked and validated in place as their bytes arrive, so an invalid Text message fails before
 * the rest of it is read (§8.1). A payload over {@value #SLICE_THRESHOLD} bytes is then handed on as a retained slice
 * of the input, not a copy; a smaller one is copied into a pooled buffer of its own, which costs less than a slice
 * (Netty does not recycle slices) and frees the read buffer sooner. The decoder therefore owns its input buffers the
 * way Netty's transports hand them over: it must not be fed a buffer that is shared with another reader.
 */
public class FrameDecoder extends ByteToMessageDecoder {
    /** The parser's own state, not the connection's {@link CloseState}: DISCARD once the input has ended. */
    private enum State { HEADER, PAYLOAD, DISCARD }

    /** Unmasking writes to the input, so a read-only first buffer is copied before it becomes the cumulation. */
    private static final Cumulator WRITABLE_MERGE_CUMULATOR = (alloc, cumulation, in) -> {
        if (in.isReadOnly()) {
            ByteBuf copy = alloc.buffer(in.readableBytes());
            copy.writeBytes(in);
            in.release();
            in = copy;
        }
        return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    };

    /** Payloads up to this size are copied out of the read buffer, larger ones sliced (see {@code takePayload}). */
    static final int SLICE_THRESHOLD = 4096;

    private final boolean expectMasked;
    private final int maxFramePayloadLength;
    /** The frame limit for a compressed message's frames, which may be longer than their data uncompressed. */
    private final int maxCompressedFramePayloadLength;
    private final int allowedRsvBits;
    private final MessageRules message;

    private State state = State.HEADER;
    private boolean fin;
    private int rsv;
    /** The current frame's kind; null after a reserved opcode, which ends decoding. */
    private FrameKind kind;
    private boolean masked;
    private int maskKey;
    private int payloadLength;
    /** How many bytes of the current payload are already unmasked and validated. */
    private int payloadChecked;

    /**
     * A decoder for one connection, for the role the configuration gives: a server expects masked frames, a client
     * unmasked ones (RFC 6455 §5.1).
     *
     * @param config its role, frame and message size limits and allowed RSV bits apply
     */
    public FrameDecoder(WebSocketConfig config) {
        this.expectMasked = config.role() == WebSocketConfig.Role.SERVER;
        this.maxFramePayloadLength = config.maxFramePayloadLength();
        this.maxCompressedFramePayloadLength = CompressedFrameLimit.of(maxFramePayloadLength);
        this.allowedRsvBits = config.allowedRsvBits();
        this.message = new MessageRules(config.maxMessageSize());
        setCumulator(WRITABLE_MERGE_CUMULATOR);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws CorruptedWebSocketFrameException {
        try {
            if (state == State.HEADER && !readHeader(in)) {
                return;
            }
            if (state == State.PAYLOAD) {
                readPayload(ctx, in, out);
            }
        } catch (CorruptedWebSocketFrameException e) {
            state = State.DISCARD;
            throw e;
        }
        if (state == State.DISCARD) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** Parses a whole header, or returns false and consumes nothing until all of it is there. */
    private boolean readHeader(ByteBuf in) throws CorruptedWebSocketFrameException {
        int readable = in.readableBytes();
        if (readable < 2) {
            return false;
        }
        int start = in.readerIndex();
        int b0 = in.getUnsignedByte(start);
        int b1 = in.getUnsignedByte(start + 1);
        fin = (b0 & B0_FLAG_FIN) != 0;
        rsv = (b0 & B0_MASK_RSV) >> B0_RSV_SHIFT;
        int opcode = b0 & B0_MASK_OPCODE;
        kind = FrameKind.of(opcode);
        masked = (b1 & B1_FLAG_MASK) != 0;
        int length7 = b1 & B1_MASK_LENGTH;
        checkFirstTwoBytes(opcode, length7); // fail fast: these need nothing more

        int lengthBytes = length7 == PAYLOAD_SHORT ? 2 : length7 == PAYLOAD_LONG ? 8 : 0;
        int headerLength = 2 + lengthBytes + (masked ? MASK_KEY_LENGTH : 0);
        if (readable < headerLength) {
            return false;
        }
        long length = lengthBytes == 0 ? length7
                : lengthBytes == 2 ? in.getUnsignedShort(start + 2)
                : in.getLong(start + 2);
        checkLength(length, lengthBytes);
        if (kind.isData()) {
            message.onFrameHeader(kind, fin, rsv != 0, length);
        }
        maskKey = masked ? in.getInt(start + headerLength - MASK_KEY_LENGTH) : 0;
        payloadLength = (int) length;
        payloadChecked = 0;
        in.skipBytes(headerLength);
        state = State.PAYLOAD;
        return true;
    }

    private void checkFirstTwoBytes(int opcode, int length7) throws CorruptedWebSocketFrameException {
        if ((rsv & ~allowedRsvBits) != 0) {
            throw protocolError("Reserved bits set without an extension that defines them.");
        }
        if (kind == null) {
            throw protocolError("Reserved opcode " + opcode + ".");
        }
        if (kind.isControl()) { // a 7-bit length of 126 or 127 announces more than 125 bytes
            WebSocketCloseStatus violation = controlFrameViolation(fin, length7);
            if (violation != null) {
                throw refusal(violation);
            }
        }
        if (masked != expectMasked) { // §5.1
            throw protocolError(expectMasked ? "Client frames must be masked." : "Server frames must not be masked.");
        }
    }

    private void checkLength(long length, int lengthBytes) throws CorruptedWebSocketFrameException {
        if (length < 0) {
            throw protocolError("Payload length has its most significant bit set.");
        }
        // §5.2: "the minimal number of bytes MUST be used to encode the length"
        if ((lengthBytes == 2 && length <= PAYLOAD_BYTE_MAX) || (lengthBytes == 8 && length <= PAYLOAD_SHORT_MAX)) {
            throw protocolError("Payload length is not minimally encoded.");
        }
        // an RSV bit on a message's first frame marks it and its continuations transformed: RSV1, compressed
        // (RFC 7692 §6)
        boolean compressed = kind == FrameKind.CONTINUATION ? message.transformed() : rsv != 0;
        int limit = compressed ? maxCompressedFramePayloadLength : maxFramePayloadLength;
        if (length > limit) {
            throw tooBig("Frame payload exceeds " + limit + " bytes.");
        }
    }

    /**
     * The payload, unmasked: a small one copied into a buffer of its own (pooled buffers are recycled, slices are
     * not, and the read buffer is freed sooner), a large one as a retained slice of the read buffer (no copy).
     */
    private ByteBuf takePayload(ChannelHandlerContext ctx, ByteBuf in) {
        if (payloadLength > SLICE_THRESHOLD) {
            return in.readRetainedSlice(payloadLength);
        }
        ByteBuf payload = ctx.alloc().buffer(payloadLength);
        payload.writeBytes(in, payloadLength);
        return payload;
    }

    private void readPayload(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws CorruptedWebSocketFrameException {
        int available = Math.min(in.readableBytes(), payloadLength);
        if (available > payloadChecked) {
            int index = in.readerIndex() + payloadChecked;
            int count = available - payloadChecked;
            if (masked) {
                Masking.apply(in, index, count, maskKey, payloadChecked);
            }
            if (kind.isData()) {
                message.onPayload(in, index, count);
            }
            payloadChecked = available;
        }
        if (available < payloadLength) {
            return;
        }
        if (kind == FrameKind.CLOSE) {
            WebSocketCloseStatus violation = closePayloadViolation(in, in.readerIndex(), payloadLength);
            if (violation != null) {
                throw refusal(violation);
            }
        } else if (kind.isData()) {
            message.onFrameEnd();
        }
        out.add(kind.newFrame(fin, rsv, takePayload(ctx, in)));
        state = kind == FrameKind.CLOSE ? State.DISCARD : State.HEADER;
    }
}
