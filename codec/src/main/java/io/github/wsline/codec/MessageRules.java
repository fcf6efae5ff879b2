package io.github.wsline.codec;

import static io.github.wsline.codec.WebSocketProtocol.invalidUtf8;
import static io.github.wsline.codec.WebSocketProtocol.messageTooBig;
import static io.github.wsline.codec.WebSocketProtocol.protocolError;
import static io.github.wsline.codec.WebSocketProtocol.unfinishedUtf8;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/**
 * The rules of the message being received, across its fragments: order (RFC 6455 §5.4), total size, and UTF-8 of
 * Text messages (§8.1), checked as the payload arrives. Control frames do not pass through here; they may come
 * between fragments and change nothing. The size and UTF-8 of a message an extension transformed (RSV1,
 * permessage-deflate) are checked by that extension once it restores it: the limit is on the message the application
 * gets, and compressed bytes that do not compress are a little longer than it (RFC 7692 §7.2.1).
 */
final class MessageRules {
    private final long maxMessageSize;
    private final Utf8Validator utf8 = new Utf8Validator();
    private boolean inMessage;
    private boolean validateUtf8;
    private boolean transformed;
    private long messageSize;
    private boolean finalFrame;

    MessageRules(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Checks a data frame's header, before its payload is buffered. {@code transformed} says an extension (RSV1,
     * permessage-deflate) changed the payload; its size and UTF-8 are then checked by that extension as it restores
     * it.
     */
    void onFrameHeader(FrameKind kind, boolean fin, boolean transformed, long payloadLength)
            throws CorruptedWebSocketFrameException {
        if (kind == FrameKind.CONTINUATION) {
            if (!inMessage) {
                throw protocolError("Continuation frame without a message to continue.");
            }
        } else {
            if (inMessage) {
                throw protocolError("New message started before the fragmented message ended.");
            }
            inMessage = true;
            messageSize = 0;
            this.transformed = transformed;
            validateUtf8 = kind == FrameKind.TEXT && !transformed;
            utf8.reset();
        }
        messageSize += payloadLength;
        if (!this.transformed && messageSize > maxMessageSize) {
            throw messageTooBig(maxMessageSize);
        }
        finalFrame = fin;
    }

    /** {@return whether the message being received, or the last one, was transformed by an extension (RSV1)} */
    boolean transformed() {
        return transformed;
    }

    /** Checks payload bytes of the current data frame, already unmasked, in the order they arrive. */
    void onPayload(ByteBuf buf, int index, int length) throws CorruptedWebSocketFrameException {
        if (validateUtf8 && !utf8.update(buf, index, length)) {
            throw invalidUtf8();
        }
    }

    /** Called when the current data frame's payload is complete. */
    void onFrameEnd() throws CorruptedWebSocketFrameException {
        if (!finalFrame) {
            return;
        }
        inMessage = false;
        if (validateUtf8 && !utf8.isComplete()) {
            throw unfinishedUtf8();
        }
    }
}
