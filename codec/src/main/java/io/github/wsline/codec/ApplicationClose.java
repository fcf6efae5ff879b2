package io.github.wsline.codec;

import static io.github.wsline.codec.WebSocketProtocol.CLOSE_CODE_LENGTH;
import static io.github.wsline.codec.WebSocketProtocol.PAYLOAD_BYTE_MAX;
import static io.github.wsline.codec.WebSocketProtocol.closePayloadViolation;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * The Close frame the application writes, made into one the peer accepts, so that a closing handshake never ends
 * without a Close frame (RFC 6455 §5.5.1, §7.4): the encoder would refuse the frame, and the connection would then
 * end after the close timeout with no Close at all.
 * <ul>
 *   <li>A payload over 125 bytes (§5.5: a control frame's limit) keeps its code and loses the end of its reason, cut
 *       at a UTF-8 code point boundary so that the 123 bytes left are still UTF-8. Netty's {@code CloseWebSocketFrame}
 *       takes reasons of any length, and a reason is for humans: a shorter one beats none.</li>
 *   <li>A payload the peer would refuse anyway (a code that may not be sent, such as 1005, 1006, 1015 or 5000; a
 *       payload of 1 byte; a reason that is not UTF-8) is replaced by Close 1011 with no reason, and the write fails
 *       with an {@link IllegalArgumentException} saying what was wrong. Netty's {@code CloseWebSocketFrame}
 *       constructors throw that same exception for most such codes, so a Netty application meets it where it would
 *       expect to; the peer still learns that the connection ends, with the code of an unexpected condition.</li>
 * </ul>
 */
final class ApplicationClose {
    /** What replaces a Close the peer would refuse: 1011, the endpoint met an unexpected condition (§7.4.1). */
    static final int REPLACEMENT_CODE = WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code();

    private static final int UTF8_CONTINUATION_MASK = 0xC0;
    private static final int UTF8_CONTINUATION = 0x80;

    private ApplicationClose() {
    }

    /**
     * The frame to send for the application's Close, which this takes ownership of: the same frame when it fits a
     * control frame, else a final frame with its payload cut to 125 bytes at a code point boundary.
     */
    static CloseWebSocketFrame fitted(CloseWebSocketFrame close) {
        ByteBuf payload = close.content();
        if (payload.readableBytes() <= PAYLOAD_BYTE_MAX && close.isFinalFragment() && close.rsv() == 0) {
            return close;
        }
        try {
            int length = fittedLength(payload);
            return new CloseWebSocketFrame(true, 0, payload.retainedSlice(payload.readerIndex(), length));
        } finally {
            close.release();
        }
    }

    /** Why the peer would refuse this Close, as the exception its write fails with; null when it may be sent. */
    static IllegalArgumentException refusal(CloseWebSocketFrame close) {
        ByteBuf payload = close.content();
        WebSocketCloseStatus violation = closePayloadViolation(payload, payload.readerIndex(), payload.readableBytes());
        return violation == null ? null : new IllegalArgumentException(violation.reasonText());
    }

    /** The Close sent instead of one the peer would refuse. */
    static CloseWebSocketFrame replacement() {
        return new CloseWebSocketFrame(REPLACEMENT_CODE, null);
    }

    /** At most 125 bytes, not cutting a UTF-8 sequence of the reason: never ending before a continuation byte. */
    private static int fittedLength(ByteBuf payload) {
        int length = Math.min(payload.readableBytes(), PAYLOAD_BYTE_MAX);
        int start = payload.readerIndex();
        while (length > CLOSE_CODE_LENGTH && length < payload.readableBytes()
                && (payload.getByte(start + length) & UTF8_CONTINUATION_MASK) == UTF8_CONTINUATION) {
            length--;
        }
        return length;
    }
}
