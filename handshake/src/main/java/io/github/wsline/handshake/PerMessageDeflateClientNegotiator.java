package io.github.wsline.handshake;

import static io.github.wsline.handshake.DeflateParameters.ABSENT;
import static io.github.wsline.handshake.DeflateParameters.MAX_WINDOW_BITS;
import static io.github.wsline.handshake.DeflateParameters.NO_VALUE;

import io.github.wsline.codec.PerMessageDeflate;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;

/**
 * The client's permessage-deflate (RFC 7692), one immutable value: what it offers, and its checks on what the server
 * accepted.
 * <pre>{@code
 * WebSocketClientConfig config = WebSocketClientConfig.builder(URI.create("wss://chat.example.com/chat"))
 *         .extensions(PerMessageDeflateClientNegotiator.builder().build())
 *         .build();
 * }</pre>
 *
 * <p>The offer is {@code permessage-deflate}, with {@code server_no_context_takeover},
 * {@code client_no_context_takeover} and {@code client_max_window_bits} when asked for. It never has
 * {@code server_max_window_bits}, as the {@code Inflater} decodes a stream made with any window. A server that answers
 * {@code client_max_window_bits} below 15 gets what it asked for, although the JDK's {@code Deflater} always uses a
 * 15-bit window: the client compresses each message on its own and sends uncompressed every message longer than the
 * window, as a raw DEFLATE stream with no preset dictionary cannot reach further back than its own start
 * ({@link PerMessageDeflate.Builder#localMaxWindowBits(int)}).
 *
 * <p>§7: the client "MUST _Fail the WebSocket Connection_" when the response has a parameter RFC 7692 does not define
 * for a response, a parameter twice, or an invalid value, or asks for what the client cannot do: here,
 * {@code client_max_window_bits} when it was not offered (§7.1.2.2), or no {@code server_no_context_takeover} when it
 * was asked for (§7.1.1.1). The handshake then fails with a {@link WebSocketClientHandshakeException} saying why.
 */
public final class PerMessageDeflateClientNegotiator implements WebSocketClientExtensionNegotiator {
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final boolean offerClientMaxWindowBits;
    /** Level and threshold; the context takeover flags are set by the server's answer. */
    private final PerMessageDeflate codec;

    private PerMessageDeflateClientNegotiator(Builder b) {
        this.serverNoContextTakeover = b.serverNoContextTakeover;
        this.clientNoContextTakeover = b.clientNoContextTakeover;
        this.offerClientMaxWindowBits = b.offerClientMaxWindowBits;
        this.codec = b.codec.build();
    }

    /**
     * {@return a builder holding the defaults} A plain offer (context takeover both ways), level 6, threshold 128
     * bytes.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return whether the offer asks the server to compress each message on its own} Then the client's
     * {@code Inflater} holds no memory between messages. Default false.
     */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** {@return whether the offer says the client compresses each message on its own} Default false. */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /**
     * {@return whether the offer has {@code client_max_window_bits}, which lets the server ask for a smaller window}
     * Default false.
     */
    public boolean offerClientMaxWindowBits() {
        return offerClientMaxWindowBits;
    }

    /** {@return the {@code Deflater} level, 0 to 9} Default {@value PerMessageDeflate#DEFAULT_COMPRESSION_LEVEL}. */
    public int compressionLevel() {
        return codec.compressionLevel();
    }

    /**
     * {@return the payload size, in bytes, below which a message sent in one frame is sent uncompressed} Default
     * {@value PerMessageDeflate#DEFAULT_COMPRESSION_THRESHOLD}.
     */
    public int compressionThreshold() {
        return codec.compressionThreshold();
    }

    @Override
    public WebSocketExtensionData offer() {
        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, ABSENT,
                offerClientMaxWindowBits ? NO_VALUE : ABSENT).toExtensionData();
    }

    @Override
    public NegotiatedExtension accept(WebSocketExtensionData response) {
        DeflateParameters agreed;
        try {
            agreed = DeflateParameters.parseResponse(response);
        } catch (IllegalArgumentException invalid) {
            throw refuse(invalid.getMessage());
        }
        if (serverNoContextTakeover && !agreed.serverNoContextTakeover()) {
            throw refuse("server_no_context_takeover was asked for and not answered.");
        }
        if (agreed.clientMaxWindowBits() != ABSENT && !offerClientMaxWindowBits) {
            throw refuse("client_max_window_bits was not offered.");
        }
        // §7.1.2.2: the server limits our window; below 15 bits that takes compressing each message on its own
        int windowBits = agreed.clientMaxWindowBits() == ABSENT ? MAX_WINDOW_BITS : agreed.clientMaxWindowBits();
        return new NegotiatedDeflate(response, codec.toBuilder()
                .localNoContextTakeover(clientNoContextTakeover || agreed.clientNoContextTakeover()
                        || windowBits < MAX_WINDOW_BITS)
                .localMaxWindowBits(windowBits)
                .remoteNoContextTakeover(agreed.serverNoContextTakeover())
                .build());
    }

    @Override
    public String toString() {
        return "PerMessageDeflateClientNegotiator{serverNoContextTakeover=" + serverNoContextTakeover
                + ", clientNoContextTakeover=" + clientNoContextTakeover
                + ", offerClientMaxWindowBits=" + offerClientMaxWindowBits + ", compressionLevel=" + compressionLevel()
                + ", compressionThreshold=" + compressionThreshold() + '}';
    }

    private static WebSocketClientHandshakeException refuse(String reason) {
        return new WebSocketClientHandshakeException("Invalid permessage-deflate response: " + reason);
    }

    /** Builds a {@link PerMessageDeflateClientNegotiator}; every setter checks its argument at once. */
    public static final class Builder {
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private boolean offerClientMaxWindowBits;
        private final PerMessageDeflate.Builder codec = PerMessageDeflate.builder();

        private Builder() {
        }

        /**
         * Whether to ask the server to compress each message on its own (RFC 7692 §7.1.1.1), so that this client's
         * {@code Inflater} holds no memory between messages; a server that does not agree fails the handshake.
         * Default false.
         *
         * @param request true to offer {@code server_no_context_takeover}
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean request) {
            this.serverNoContextTakeover = request;
            return this;
        }

        /**
         * Whether this client compresses each message on its own, and says so in its offer (RFC 7692 §7.1.1.2), so
         * that its {@code Deflater} holds no memory between messages. Default false; the client also does so when
         * the server's answer asks it to.
         *
         * @param promise true to offer {@code client_no_context_takeover}
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean promise) {
            this.clientNoContextTakeover = promise;
            return this;
        }

        /**
         * Whether to offer {@code client_max_window_bits} (RFC 7692 §7.1.2.2), which lets the server ask for a window
         * of 8 to 15 bits for the messages this client sends. Below 15 bits, the client compresses each message on
         * its own and sends uncompressed every message longer than the window. Default false.
         *
         * @param offer true to offer {@code client_max_window_bits}
         * @return this builder
         */
        public Builder offerClientMaxWindowBits(boolean offer) {
            this.offerClientMaxWindowBits = offer;
            return this;
        }

        /**
         * The {@code Deflater} level of the messages this client sends. Default
         * {@value PerMessageDeflate#DEFAULT_COMPRESSION_LEVEL}.
         *
         * @param level 0 (no compression) to 9 (best)
         * @return this builder
         * @throws IllegalArgumentException if {@code level} is outside 0 to 9
         */
        public Builder compressionLevel(int level) {
            codec.compressionLevel(level);
            return this;
        }

        /**
         * Messages sent in one frame with fewer payload bytes than this are sent uncompressed, as deflate would save
         * little on them. Default {@value PerMessageDeflate#DEFAULT_COMPRESSION_THRESHOLD}.
         *
         * @param bytes 0 (compress every message) or more
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder compressionThreshold(int bytes) {
            codec.compressionThreshold(bytes);
            return this;
        }

        /** {@return a negotiator with this builder's settings} */
        public PerMessageDeflateClientNegotiator build() {
            return new PerMessageDeflateClientNegotiator(this);
        }
    }
}
