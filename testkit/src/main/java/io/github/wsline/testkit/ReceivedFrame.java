package io.github.wsline.testkit;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A frame the server sent, copied out of its buffer: a plain value, nothing to release. */
public final class ReceivedFrame {
    /** The frame types of RFC 6455 §5.2. */
    public enum Type {
        /** A Text frame, opcode %x1. */
        TEXT,
        /** A Binary frame, opcode %x2. */
        BINARY,
        /** A Continuation frame, opcode %x0. */
        CONTINUATION,
        /** A Close frame, opcode %x8. */
        CLOSE,
        /** A Ping frame, opcode %x9. */
        PING,
        /** A Pong frame, opcode %xA. */
        PONG
    }

    private final Type type;
    private final boolean fin;
    private final int rsv;
    private final byte[] payload;

    ReceivedFrame(Type type, boolean fin, int rsv, byte[] payload) {
        this.type = type;
        this.fin = fin;
        this.rsv = rsv;
        this.payload = payload;
    }

    /** Copies a decoded frame; the caller still releases it. */
    static ReceivedFrame copyOf(WebSocketFrame frame) {
        return new ReceivedFrame(typeOf(frame), frame.isFinalFragment(), frame.rsv(), ByteBufUtil.getBytes(frame.content()));
    }

    /** {@return the frame's type, from its opcode} */
    public Type type() {
        return type;
    }

    /** {@return whether the FIN bit is set: false for a fragment that more fragments follow} */
    public boolean isFinalFragment() {
        return fin;
    }

    /** {@return the RSV bits as in {@code WebSocketFrame.rsv()}: RSV1 = 4, RSV2 = 2, RSV3 = 1} */
    public int rsv() {
        return rsv;
    }

    /** {@return a copy of the payload, unmasked} */
    public byte[] payload() {
        return payload.clone();
    }

    /** {@return the payload decoded as UTF-8} Invalid sequences become U+FFFD. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * {@return a Close frame's status code (RFC 6455 §5.5.1), or -1 when it carried none}
     *
     * @throws IllegalStateException if this is not a Close frame
     */
    public int closeCode() {
        requireType(Type.CLOSE);
        return payload.length < 2 ? -1 : ByteBuffer.wrap(payload).getShort() & 0xFFFF;
    }

    /**
     * {@return a Close frame's reason, empty when it carried none}
     *
     * @throws IllegalStateException if this is not a Close frame
     */
    public String closeReason() {
        requireType(Type.CLOSE);
        return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String body = type == Type.CLOSE ? closeCode() + " \"" + closeReason() + "\""
                : type == Type.TEXT || type == Type.CONTINUATION ? '"' + abbreviate(text()) + '"'
                : payload.length + " bytes";
        return type + (fin ? "" : " (not final)") + (rsv != 0 ? " rsv=" + rsv : "") + " " + body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedFrame && ((ReceivedFrame) o).type == type && ((ReceivedFrame) o).fin == fin
                && ((ReceivedFrame) o).rsv == rsv && Arrays.equals(((ReceivedFrame) o).payload, payload);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(payload);
    }

    private void requireType(Type expected) {
        if (type != expected) {
            throw new IllegalStateException("Not a " + expected + " frame: " + this);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static Type typeOf(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            return Type.TEXT;
        } else if (frame instanceof BinaryWebSocketFrame) {
            return Type.BINARY;
        } else if (frame instanceof ContinuationWebSocketFrame) {
            return Type.CONTINUATION;
        } else if (frame instanceof CloseWebSocketFrame) {
            return Type.CLOSE;
        } else if (frame instanceof PingWebSocketFrame) {
            return Type.PING;
        } else if (frame instanceof PongWebSocketFrame) {
            return Type.PONG;
        }
        throw new IllegalArgumentException("Unknown frame type " + frame.getClass().getName());
    }
}
