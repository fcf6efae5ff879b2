package io.github.wsline.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The six frame kinds RFC 6455 §5.2 defines, each with its opcode and its Netty websocketx frame class: the one place
 * that maps one to the other. Opcodes 0x3-0x7 and 0xB-0xF are reserved for further frames (§5.2, §11.8), and
 * {@link #of(int)} answers null for them. {@link #of(Object)} takes any message of a pipeline and answers null for what
 * is not a frame of one of Netty's six classes (encoded bytes, a {@link PreparedMessage}, a frame class of another
 * library), which each handler then passes on or refuses.
 */
enum FrameKind {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    /** §5.5: "Control frames are identified by opcodes where the most significant bit of the opcode is 1." */
    private static final int OPCODE_FLAG_CONTROL = 0x8;
    /** Indexed by opcode, null for the reserved ones: looked up per frame, so no {@code values()} copy. */
    private static final FrameKind[] BY_OPCODE = new FrameKind[16];

    static {
        for (FrameKind kind : values()) {
            BY_OPCODE[kind.opcode] = kind;
        }
    }

    /** The 4-bit opcode of byte 0 (§5.2). */
    final int opcode;
    private final boolean control;

    FrameKind(int opcode) {
        this.opcode = opcode;
        this.control = (opcode & OPCODE_FLAG_CONTROL) != 0;
    }

    /** The kind an opcode stands for, or null for a reserved opcode (or a number that is no 4-bit opcode). */
    static FrameKind of(int opcode) {
        return opcode >= 0 && opcode < BY_OPCODE.length ? BY_OPCODE[opcode] : null;
    }

    /** The kind of a frame, by its class; null for a message that is none of Netty's six frame classes. */
    static FrameKind of(Object message) {
        if (message instanceof TextWebSocketFrame) {
            return TEXT;
        } else if (message instanceof BinaryWebSocketFrame) {
            return BINARY;
        } else if (message instanceof ContinuationWebSocketFrame) {
            return CONTINUATION;
        } else if (message instanceof PingWebSocketFrame) {
            return PING;
        } else if (message instanceof PongWebSocketFrame) {
            return PONG;
        } else if (message instanceof CloseWebSocketFrame) {
            return CLOSE;
        }
        return null;
    }

    /** Close, Ping and Pong: final, at most 125 bytes, allowed between the fragments of a message (§5.5). */
    boolean isControl() {
        return control;
    }

    /** Text, Binary and Continuation: the frames that carry a message (§5.6), in one frame or fragments (§5.4). */
    boolean isData() {
        return !control;
    }

    /** Text and Binary: the first frame of a message, whose opcode the continuations carry on (§5.4). */
    boolean startsMessage() {
        return this == TEXT || this == BINARY;
    }

    /** A frame of this kind; it takes ownership of the payload. */
    WebSocketFrame newFrame(boolean fin, int rsv, ByteBuf payload) {
        return switch (this) {
            case CONTINUATION -> new ContinuationWebSocketFrame(fin, rsv, payload);
            case TEXT -> new TextWebSocketFrame(fin, rsv, payload);
            case BINARY -> new BinaryWebSocketFrame(fin, rsv, payload);
            case CLOSE -> new CloseWebSocketFrame(fin, rsv, payload);
            case PING -> new PingWebSocketFrame(fin, rsv, payload);
            case PONG -> new PongWebSocketFrame(fin, rsv, payload);
        };
    }
}
