package io.github.wsline.codec;

/**
 * Where a connection is in the closing handshake (RFC 6455 §1.4, §5.5.1, §7.1), as {@link WebSocketConnectionHandler}
 * runs it; the predicates say what may still be read and written. Whoever sends the first Close, the connection ends
 * in {@link #CLOSE_RECEIVED} or {@link #CLOSED} with both Close frames exchanged, and then TCP is closed (§5.5.1:
 * "After both sending and receiving a Close message, an endpoint considers the WebSocket connection closed and MUST
 * close the underlying TCP connection"; §7.1.1: the server first).
 *
 * <p>The decoder's, the inflater's and the deflater's own flags are not this state: they are each handler's parser or
 * zlib state (the input ended, a stream broke, a compressor was ended), so they stay with their handler.
 */
enum CloseState {
    /** No Close frame sent or received: messages flow both ways. */
    OPEN,
    /**
     * We sent a Close frame (the application's, or one answering a protocol violation or a silent peer) and wait for
     * the peer's, at most {@link WebSocketConfig#closeTimeout()} (§7.1.2, §7.1.3).
     */
    CLOSE_SENT,
    /** The peer sent the first Close frame, and we answered it (§5.5.1: "MUST send a Close frame in response"). */
    CLOSE_RECEIVED,
    /** The peer answered our Close frame: the closing handshake is complete (§5.5.1). */
    CLOSED;

    /**
     * Whether anything may still be written: the application's frames, a Pong, a keepalive Ping, our Close. Only while
     * {@link #OPEN}: once our Close is sent, nothing follows it (§5.5.1: "The application MUST NOT send any more data
     * frames after sending a Close frame"; §1.4: "After sending a control frame indicating the connection should be
     * closed, a peer does not send any further data"), and once the peer's Close is in, we answer it with ours and
     * send nothing more.
     */
    boolean canWrite() {
        return this == OPEN;
    }

    /**
     * Whether a data frame that arrives now reaches the application: until the peer's Close is in, since nothing may
     * follow it (§1.4: "after receiving a control frame indicating the connection should be closed, a peer discards
     * any further data received"). After our own Close, and until the peer's, data is still delivered: the peer sent
     * it before it saw our Close, and §1.4 asks only that it send nothing more once it has ("After sending a control
     * frame indicating the connection should be closed, a peer does not send any further data"), as Netty and
     * tungstenite deliver it.
     */
    boolean deliversData() {
        return this == OPEN || this == CLOSE_SENT;
    }

    /** Whether the peer's Close frame is in: it started the closing handshake, or it answered ours. */
    boolean receivedPeerClose() {
        return this == CLOSE_RECEIVED || this == CLOSED;
    }

    /** The state after a Close frame from the peer: it starts the closing handshake, or it answers our Close. */
    CloseState afterPeerClose() {
        return this == OPEN ? CLOSE_RECEIVED : CLOSED;
    }
}
