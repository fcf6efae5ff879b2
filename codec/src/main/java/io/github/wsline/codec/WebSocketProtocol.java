package io.github.wsline.codec;

import static io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.INVALID_PAYLOAD_DATA;
import static io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.MESSAGE_TOO_BIG;
import static io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * The wire format of RFC 6455 §5.2 in one place: bits, length classes, the control frame and Close payload rules
 * shared by the reader and the writer, and the sentences of the violations. The opcodes are {@link FrameKind}'s.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 */
final class WebSocketProtocol {
    static final int B0_FLAG_FIN = 0x80;
    /** The three RSV bits of byte 0, shifted down they are {@code WebSocketFrame.rsv()}: RSV1 = 4, RSV2 = 2, RSV3 = 1. */
    static final int B0_MASK_RSV = 0x70;
    static final int B0_RSV_SHIFT = 4;
    static final int B0_MASK_OPCODE = 0x0F;
    static final int B1_FLAG_MASK = 0x80;
    static final int B1_MASK_LENGTH = 0x7F;

    /** 7-bit length values: up to 125 the length itself, 126 and 127 announce a 16- or 64-bit length (§5.2). */
    static final int PAYLOAD_BYTE_MAX = 125;
    static final int PAYLOAD_SHORT = 126;
    static final int PAYLOAD_SHORT_MAX = 0xFFFF;
    static final int PAYLOAD_LONG = 127;
    static final int MASK_KEY_LENGTH = 4;

    /** A Close payload is a 2-byte code and a UTF-8 reason, within a control frame's 125 bytes (§5.5.1). */
    static final int CLOSE_CODE_LENGTH = 2;

    private WebSocketProtocol() {
    }

    /**
     * Whether a close code may appear in a Close frame (RFC 6455 §7.4). 1000-1003 and 1007-1011 are defined by the
     * RFC, 1012-1014 registered with IANA since; 1004 is reserved, 1005 and 1006 describe a close without a code
     * and must never be sent, 1015 likewise; 3000-4999 belong to libraries and applications. All others are
     * reserved for future RFCs or out of range.
     */
    static boolean isValidCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * What is wrong with a control frame's header (§5.5: "All control frames MUST have a payload length of 125 bytes
     * or less and MUST NOT be fragmented"): the status a receiver closes with, its reason an exact sentence; null when
     * nothing is. The decoder refuses the peer's frame with it, the encoder refuses to send ours.
     */
    static WebSocketCloseStatus controlFrameViolation(boolean fin, long payloadLength) {
        if (!fin) {
            return new WebSocketCloseStatus(PROTOCOL_ERROR.code(), "Control frames must be final.");
        }
        if (payloadLength > PAYLOAD_BYTE_MAX) {
            return new WebSocketCloseStatus(PROTOCOL_ERROR.code(), "Control frame payload exceeds 125 bytes.");
        }
        return null;
    }

    /**
     * What is wrong with a Close payload (§5.5.1: empty, or a 2-byte code followed by a UTF-8 reason; §7.4: a code
     * that may be sent): the status a receiver closes with (1002, or 1007 for the reason's UTF-8), its reason an exact
     * sentence; null when nothing is. The decoder refuses the peer's Close with it, the encoder refuses to send ours.
     */
    static WebSocketCloseStatus closePayloadViolation(ByteBuf buf, int index, int length) {
        if (length == 0) {
            return null;
        }
        if (length < CLOSE_CODE_LENGTH) {
            return new WebSocketCloseStatus(PROTOCOL_ERROR.code(), "Close payload of 1 byte.");
        }
        int code = buf.getUnsignedShort(index);
        if (!isValidCloseCode(code)) {
            return new WebSocketCloseStatus(PROTOCOL_ERROR.code(), "Invalid close code " + code + ".");
        }
        if (!Utf8Validator.isValid(buf, index + CLOSE_CODE_LENGTH, length - CLOSE_CODE_LENGTH)) {
            return new WebSocketCloseStatus(INVALID_PAYLOAD_DATA.code(), "Close reason is not UTF-8.");
        }
        return null;
    }

    /** A violation found in what the peer sent, for {@link WebSocketConnectionHandler} to answer with its status. */
    static CorruptedWebSocketFrameException refusal(WebSocketCloseStatus violation) {
        return new CorruptedWebSocketFrameException(violation, violation.reasonText());
    }

    static CorruptedWebSocketFrameException protocolError(String reason) {
        return new CorruptedWebSocketFrameException(PROTOCOL_ERROR, reason);
    }

    static CorruptedWebSocketFrameException tooBig(String reason) {
        return new CorruptedWebSocketFrameException(MESSAGE_TOO_BIG, reason);
    }

    /** §8.1: a Text message is not UTF-8, found at the first byte that makes it invalid (whole, or once inflated). */
    static CorruptedWebSocketFrameException invalidUtf8() {
        return new CorruptedWebSocketFrameException(INVALID_PAYLOAD_DATA, "Invalid UTF-8 in text message.");
    }

    /** §8.1: a Text message's last byte leaves a UTF-8 sequence unfinished. */
    static CorruptedWebSocketFrameException unfinishedUtf8() {
        return new CorruptedWebSocketFrameException(INVALID_PAYLOAD_DATA, "Text message ends inside a UTF-8 sequence.");
    }

    /** A message larger than {@link WebSocketConfig#maxMessageSize()}, as received or once inflated. */
    static CorruptedWebSocketFrameException messageTooBig(long maxMessageSize) {
        return tooBig("Message exceeds " + maxMessageSize + " bytes.");
    }
}
