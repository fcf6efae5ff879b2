package io.github.wsline.codec;

import io.github.wsline.codec.internal.Checks;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;

/**
 * Everything the codec can be told, as one immutable value. Build it with {@link #builder()}; the defaults are safe
 * for a server on the internet.
 *
 * <pre>{@code
 * WebSocketConfig config = WebSocketConfig.builder()
 *         .maxMessageSize(4 << 20)
 *         .closeTimeout(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 */
public final class WebSocketConfig {
    /** Which end of the connection this is; it decides who masks (RFC 6455 §5.1) and who closes TCP first (§7.1.1). */
    public enum Role {
        /** Receives masked frames, sends unmasked ones, closes TCP first. */
        SERVER,
        /** Sends masked frames, receives unmasked ones, waits for the server to close TCP. */
        CLIENT
    }

    /** Default largest payload of one frame: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_PAYLOAD_LENGTH = 1 << 20;
    /** Default largest message, all fragments together: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1 << 20;
    /** Default time to wait for the peer's Close after sending ours: 10 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Default time without hearing from the peer before sending it a Ping: {@link Duration#ZERO}, keepalive off. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ZERO;
    /** Default time to wait for any frame from the peer after a keepalive Ping: 30 seconds. */
    public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(30);

    /** {@code WebSocketFrame.rsv()} value of RSV1, the bit permessage-deflate uses (RFC 7692 §6). */
    public static final int RSV1 = 0b100;
    /** {@code WebSocketFrame.rsv()} value of RSV2. */
    public static final int RSV2 = 0b010;
    /** {@code WebSocketFrame.rsv()} value of RSV3. */
    public static final int RSV3 = 0b001;

    private final Role role;
    private final int maxFramePayloadLength;
    private final int maxMessageSize;
    private final boolean aggregateMessages;
    private final Duration closeTimeout;
    private final int allowedRsvBits;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private final boolean deliverCloseFrames;
    private final boolean deliverPongFrames;
    private final boolean deliverPingFrames;
    private final WebSocketCloseStatus closeStatusOnChannelClose;

    private WebSocketConfig(Builder b) {
        this.role = b.role;
        this.maxFramePayloadLength = b.maxFramePayloadLength;
        this.maxMessageSize = b.maxMessageSize;
        this.aggregateMessages = b.aggregateMessages;
        this.closeTimeout = b.closeTimeout;
        this.allowedRsvBits = b.allowedRsvBits;
        this.pingInterval = b.pingInterval;
        this.pongTimeout = b.pongTimeout;
        this.deliverCloseFrames = b.deliverCloseFrames;
        this.deliverPongFrames = b.deliverPongFrames;
        this.deliverPingFrames = b.deliverPingFrames;
        this.closeStatusOnChannelClose = b.closeStatusOnChannelClose;
    }

    /**
     * {@return a builder holding the defaults} Server role, 1 MiB frames and messages, aggregation on, 10 s close
     * timeout, keepalive off (30 s pong timeout once it is turned on), Close, Pong and Ping frames consumed by the
     * codec.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this configuration's values}, to build a configuration that differs in a few. */
    public Builder toBuilder() {
        return new Builder()
                .role(role)
                .maxFramePayloadLength(maxFramePayloadLength)
                .maxMessageSize(maxMessageSize)
                .aggregateMessages(aggregateMessages)
                .closeTimeout(closeTimeout)
                .allowedRsvBits(allowedRsvBits)
                .pingInterval(pingInterval)
                .pongTimeout(pongTimeout)
                .deliverCloseFrames(deliverCloseFrames)
                .deliverPongFrames(deliverPongFrames)
                .deliverPingFrames(deliverPingFrames)
                .closeStatusOnChannelClose(closeStatusOnChannelClose);
    }

    /** {@return which end of the connection this is}: who masks and who closes TCP first. Default {@link Role#SERVER}. */
    public Role role() {
        return role;
    }

    /**
     * {@return the largest payload of one frame, in bytes} A frame announcing a longer one is refused with 1009
     * before any of it is buffered (RFC 6455 §7.4.1). A frame of a compressed message (RFC 7692) may be longer by what
     * deflate adds to data that does not compress, so that such data fits too: 5 bytes per started 127 bytes, and 5
     * for the sync flush, about 4 % (1,089,866 bytes for 1 MiB). Default 1 MiB.
     */
    public int maxFramePayloadLength() {
        return maxFramePayloadLength;
    }

    /**
     * {@return the largest message, all its fragments together, in bytes} A message whose fragments add up to more is
     * refused with 1009, decided from each frame's header before its payload is buffered; applies whether messages
     * are aggregated or streamed, and to a compressed message once inflated, not to its compressed bytes
     * (RFC 7692 §6): refused with 1009 as soon as inflating passes it, so a decompression bomb costs at most this much.
     * Default 1 MiB.
     */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * {@return whether fragmented messages are joined} True: a fragmented message (RFC 6455 §5.4) is delivered as one
     * whole {@code TextWebSocketFrame} or {@code BinaryWebSocketFrame}; false (streaming): as the fragments that
     * arrived. Default true.
     */
    public boolean aggregateMessages() {
        return aggregateMessages;
    }

    /**
     * {@return how long to wait for the peer's Close after sending ours} TCP is then closed anyway; a client also
     * waits this long for the server to close TCP after the closing handshake (RFC 6455 §7.1.1). Default 10 seconds.
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * {@return the RSV bits that a negotiated extension gives a meaning to} As in {@code WebSocketFrame.rsv()},
     * {@link #RSV1} = 4; a frame with any other RSV bit set is refused with 1002 (RFC 6455 §5.2). Default 0: no
     * extension.
     */
    public int allowedRsvBits() {
        return allowedRsvBits;
    }

    /**
     * {@return how long the peer may stay silent before keepalive pings it} When nothing at all has been received
     * from the peer for this long, a Ping is sent to it (RFC 6455 §5.5.2); any frame received counts as a sign of
     * life. {@link Duration#ZERO} turns keepalive off. Default {@link Duration#ZERO}: off.
     */
    public Duration pingInterval() {
        return pingInterval;
    }

    /**
     * {@return how long keepalive waits for an answer to its Ping} After sending a Ping because the peer was silent
     * for {@link #pingInterval()}, how long to wait for any frame from it (a Pong or anything else) before closing the
     * connection with 1001 without waiting for the peer's Close. Used only when {@link #pingInterval()} is not zero.
     * Default 30 seconds.
     */
    public Duration pongTimeout() {
        return pongTimeout;
    }

    /**
     * {@return whether the peer's Close frame is passed on to the application} The codec answers it either way, as
     * RFC 6455 §5.5.1 asks, and fires {@link WebSocketCloseReceived} before it; true also passes the frame on, for
     * applications written for Netty's {@code handleCloseFrames(false)}. Such applications answer the Close
     * themselves (they echo it, or call a handshaker's {@code close}): that Close is released, since ours is sent
     * already, and its write succeeds. Default false: the Close frame is consumed.
     */
    public boolean deliverCloseFrames() {
        return deliverCloseFrames;
    }

    /**
     * {@return whether Pong frames are passed on to the application} True for applications that count or time the
     * answers to their own Pings (Netty's {@code dropPongFrames(false)}); the answers to the keepalive's Pings
     * ({@link #pingInterval()}) are passed on too. Default false: Pongs are released (RFC 6455 §5.5.3: an unsolicited
     * Pong expects no answer).
     */
    public boolean deliverPongFrames() {
        return deliverPongFrames;
    }

    /**
     * {@return whether Ping frames are passed on to the application, which answers them} True for applications
     * written on Netty's handshakers without a protocol handler, which answer each Ping with a Pong themselves; the
     * codec then sends no Pong of its own. Default false: the codec answers every Ping with a Pong carrying its
     * payload (RFC 6455 §5.5.2) and consumes it.
     */
    public boolean deliverPingFrames() {
        return deliverPingFrames;
    }

    /**
     * {@return the Close sent when the application closes the channel, or null for none} When set, closing the
     * channel ({@code ctx.close()}, {@code channel.close()}) while no Close has been sent or received first writes a
     * Close frame with this status, then closes TCP once it is written (or after {@link #closeTimeout()} if it cannot
     * be), as Netty's protocol handlers do with their {@code sendCloseFrame} (default 1000 there): the peer learns the
     * connection ended on purpose instead of seeing it vanish (RFC 6455 §7.1.5: 1006). Default null: closing the
     * channel closes TCP at once.
     */
    public WebSocketCloseStatus closeStatusOnChannelClose() {
        return closeStatusOnChannelClose;
    }

    @Override
    public String toString() {
        return "WebSocketConfig{role=" + role + ", maxFramePayloadLength=" + maxFramePayloadLength
                + ", maxMessageSize=" + maxMessageSize + ", aggregateMessages=" + aggregateMessages
                + ", closeTimeout=" + closeTimeout + ", allowedRsvBits=" + allowedRsvBits
                + ", pingInterval=" + pingInterval + ", pongTimeout=" + pongTimeout
                + ", deliverCloseFrames=" + deliverCloseFrames + ", deliverPongFrames=" + deliverPongFrames
                + ", deliverPingFrames=" + deliverPingFrames
                + ", closeStatusOnChannelClose=" + closeStatusOnChannelClose + '}';
    }

    /** Builds a {@link WebSocketConfig}; every setter checks its argument at once. */
    public static final class Builder {
        private Role role = Role.SERVER;
        private int maxFramePayloadLength = DEFAULT_MAX_FRAME_PAYLOAD_LENGTH;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private boolean aggregateMessages = true;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private int allowedRsvBits;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration pongTimeout = DEFAULT_PONG_TIMEOUT;
        private boolean deliverCloseFrames;
        private boolean deliverPongFrames;
        private boolean deliverPingFrames;
        private WebSocketCloseStatus closeStatusOnChannelClose;

        private Builder() {
        }

        /**
         * Sets {@link WebSocketConfig#role()}.
         *
         * @param role server or client
         * @return this builder
         */
        public Builder role(Role role) {
            this.role = Checks.notNull("role", role);
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#maxFramePayloadLength()}.
         *
         * @param bytes the largest payload of one frame; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is not positive
         */
        public Builder maxFramePayloadLength(int bytes) {
            this.maxFramePayloadLength = Checks.positive("maxFramePayloadLength", bytes);
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#maxMessageSize()}.
         *
         * @param bytes the largest message, all fragments together; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is not positive
         */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = Checks.positive("maxMessageSize", bytes);
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#aggregateMessages()}.
         *
         * @param aggregate true to deliver whole messages, false to deliver fragments as they arrive
         * @return this builder
         */
        public Builder aggregateMessages(boolean aggregate) {
            this.aggregateMessages = aggregate;
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#closeTimeout()}.
         *
         * @param timeout how long to wait for the peer's Close; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Checks.positive("closeTimeout", timeout);
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#allowedRsvBits()}; the code that negotiates an extension sets it, such as
         * {@link PerMessageDeflate} ({@link #RSV1}).
         *
         * @param rsvBits a combination of {@link #RSV1}, {@link #RSV2} and {@link #RSV3}, or 0
         * @return this builder
         * @throws IllegalArgumentException when {@code rsvBits} has any other bit set
         */
        public Builder allowedRsvBits(int rsvBits) {
            Checks.require((rsvBits & ~(RSV1 | RSV2 | RSV3)) == 0, "allowedRsvBits",
                    "must be a combination of RSV1, RSV2 and RSV3", rsvBits);
            this.allowedRsvBits = rsvBits;
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#pingInterval()}.
         *
         * @param interval silence from the peer before a keepalive Ping; {@link Duration#ZERO} turns keepalive off
         * @return this builder
         * @throws IllegalArgumentException when {@code interval} is negative
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = Checks.notNegative("pingInterval", interval);
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#pongTimeout()}.
         *
         * @param timeout time to hear anything from the peer after a keepalive Ping; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = Checks.positive("pongTimeout", timeout);
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#deliverCloseFrames()}.
         *
         * @param deliver true to pass the peer's Close frame on to the application after answering it
         * @return this builder
         */
        public Builder deliverCloseFrames(boolean deliver) {
            this.deliverCloseFrames = deliver;
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#deliverPongFrames()}.
         *
         * @param deliver true to pass Pong frames on to the application
         * @return this builder
         */
        public Builder deliverPongFrames(boolean deliver) {
            this.deliverPongFrames = deliver;
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#deliverPingFrames()}.
         *
         * @param deliver true to pass Ping frames on to the application, which answers them; false to have the codec
         *                answer them
         * @return this builder
         */
        public Builder deliverPingFrames(boolean deliver) {
            this.deliverPingFrames = deliver;
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#closeStatusOnChannelClose()}.
         *
         * @param status the Close to send before closing TCP when the application closes the channel; null for none
         * @return this builder
         * @throws IllegalArgumentException when {@code status} has a code that may not be sent (RFC 6455 §7.4)
         */
        public Builder closeStatusOnChannelClose(WebSocketCloseStatus status) {
            Checks.require(status == null || WebSocketProtocol.isValidCloseCode(status.code()),
                    "closeStatusOnChannelClose", "must have a code that may be sent", status);
            this.closeStatusOnChannelClose = status;
            return this;
        }

        /** {@return a configuration holding this builder's values} The builder can go on to build others. */
        public WebSocketConfig build() {
            return new WebSocketConfig(this);
        }
    }
}
