package io.github.wsline.codec;

import io.github.wsline.codec.internal.Checks;

/**
 * The user event {@link WebSocketConnectionHandler} fires, in both roles, when the peer's Close frame arrives (RFC
 * 6455 §5.5.1): its code and reason, and whether it started the closing handshake or answered ours. It is fired
 * after the codec answered the Close (when it starts the handshake) and before the Close frame itself is passed on
 * (when {@link WebSocketConfig#deliverCloseFrames()} is true), so that an application reads the peer's code and reason
 * here without handling Close frames:
 *
 * <pre>{@code
 * public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
 *     if (evt instanceof WebSocketCloseReceived close) {
 *         log.info("peer closed with {} {}", close.statusCode(), close.reasonText());
 *     }
 *     ctx.fireUserEventTriggered(evt);
 * }
 * }</pre>
 *
 * <p>After a protocol violation nothing more is read from the peer (§7.1.7), its Close included, so no event follows
 * the Close the codec sent for the violation.
 */
public final class WebSocketCloseReceived {
    private final int statusCode;
    private final String reasonText;
    private final boolean initiatedByPeer;

    /**
     * An event for a Close frame received from the peer.
     *
     * @param statusCode      the frame's close code, -1 when it carried none
     * @param reasonText      the frame's reason, empty when it carried none
     * @param initiatedByPeer true when the peer's Close started the closing handshake, false when it answered ours
     */
    public WebSocketCloseReceived(int statusCode, String reasonText, boolean initiatedByPeer) {
        this.statusCode = statusCode;
        this.reasonText = Checks.notNull("reasonText", reasonText);
        this.initiatedByPeer = initiatedByPeer;
    }

    /**
     * {@return the close code the peer sent} -1 when its Close carried no code (an empty Close, which RFC 6455 §7.1.5
     * reports as 1005), as Netty's {@code CloseWebSocketFrame.statusCode()} answers.
     */
    public int statusCode() {
        return statusCode;
    }

    /** {@return the reason the peer sent}, empty when it sent none; valid UTF-8 (the decoder checked it, §5.5.1). */
    public String reasonText() {
        return reasonText;
    }

    /**
     * {@return whether the peer's Close started the closing handshake} True when the peer closed first and the codec
     * answered; false when the peer's Close answered the one this end sent (the application's, or the codec's after a
     * protocol violation).
     */
    public boolean initiatedByPeer() {
        return initiatedByPeer;
    }

    @Override
    public String toString() {
        return "WebSocketCloseReceived{statusCode=" + statusCode + ", reasonText=" + reasonText
                + ", initiatedByPeer=" + initiatedByPeer + '}';
    }
}
