package io.github.wsline.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.2: the six opcodes and their Netty frame classes; §5.5: which of them are control frames. */
class FrameKindTest {
    @Test
    void onlyOpcodes0To2And8ToAAreKnown() {
        List<Integer> known = new ArrayList<>();
        for (int opcode = -1; opcode <= 0x10; opcode++) {
            if (FrameKind.of(opcode) != null) {
                known.add(opcode);
            }
        }
        assertEquals(List.of(0x0, 0x1, 0x2, 0x8, 0x9, 0xA), known);
    }

    @Test
    void opcodes8AndAboveAreControlFrames() {
        List<FrameKind> control = new ArrayList<>();
        for (FrameKind kind : FrameKind.values()) {
            if (kind.isControl()) {
                control.add(kind);
            }
            assertEquals(!kind.isControl(), kind.isData(), kind.name());
        }
        assertEquals(List.of(FrameKind.CLOSE, FrameKind.PING, FrameKind.PONG), control);
    }

    @Test
    void eachKindsNewFrameIsOfThatKind() {
        for (FrameKind kind : FrameKind.values()) {
            WebSocketFrame frame = kind.newFrame(false, WebSocketConfig.RSV1, Unpooled.EMPTY_BUFFER);
            assertEquals(kind, FrameKind.of(frame));
            assertEquals(kind, FrameKind.of(kind.opcode));
        }
    }

    @Test
    void aMessageThatIsNoFrameHasNoKind() {
        assertNull(FrameKind.of(Unpooled.EMPTY_BUFFER));
    }
}
