package io.github.wsline.handshake;

import static io.github.wsline.handshake.DeflateParameters.ABSENT;
import static io.github.wsline.handshake.DeflateParameters.MAX_WINDOW_BITS;
import static io.github.wsline.handshake.DeflateParameters.NO_VALUE;

import io.github.wsline.codec.PerMessageDeflate;
import io.github.wsline.codec.internal.Checks;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.util.List;
import java.util.Optional;

/**
 * The server's permessage-deflate (RFC 7692) policy, one immutable value shared by all connections. Add it to the
 * server's extensions and clients that offer compression get it:
 * <pre>{@code
 * WebSocketServerConfig config = WebSocketServerConfig.builder()
 *         .route("/chat", ChatHandler::new)
 *         .extensions(PerMessageDeflateNegotiator.builder().build())
 *         .build();
 * }</pre>
 *
 * <p>Negotiation (§7.1): the client's offers are taken in its order of preference, and the first one this server can
 * honour is accepted, answered with the parameters the connection will use. An offer is declined when it has a
 * parameter RFC 7692 does not define, a parameter twice, or an invalid value (§7). Every
 * {@code server_max_window_bits} is honoured: the JDK's {@code Deflater} always compresses with a 15-bit window, but
 * a message compressed on its own cannot reach further back than its own length, so for a smaller window the server
 * answers {@code server_no_context_takeover} too and sends uncompressed every message longer than the window
 * ({@link io.github.wsline.codec.PerMessageDeflate#localMaxWindowBits()}). Any {@code client_max_window_bits} is fine:
 * the {@code Inflater} keeps a 15-bit window, which decodes a stream made with any smaller one. When no offer is
 * acceptable the connection goes on uncompressed; permessage-deflate never fails a handshake.
 *
 * <p>The defaults suit a server on the internet: without context takeover either way, an idle connection holds no
 * compression memory at all, where context takeover keeps about 256 KiB (the {@code Deflater}) plus 40 KiB (the
 * {@code Inflater}) of native memory per connection for its lifetime; and only without server context takeover can
 * a broadcast ({@link io.github.wsline.codec.PreparedMessage}) share one compressed frame among all connections.
 *
 * @see io.github.wsline.codec.PerMessageDeflate
 * @see io.github.wsline.codec.PreparedMessage
 */
public final class PerMessageDeflateNegotiator implements WebSocketExtensionNegotiator {
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int clientMaxWindowBits;
    /** Level and threshold; the context takeover flags are set per connection. */
    private final PerMessageDeflate codec;

    private PerMessageDeflateNegotiator(Builder b) {
        this.serverNoContextTakeover = b.serverNoContextTakeover;
        this.clientNoContextTakeover = b.clientNoContextTakeover;
        this.clientMaxWindowBits = b.clientMaxWindowBits;
        this.codec = b.codec.build();
    }

    /** {@return a builder holding the defaults} No context takeover either way, level 6, threshold 128 bytes. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return PerMessageDeflate.EXTENSION_NAME;
    }

    /**
     * {@return whether the server always compresses each message on its own} It answers
     * {@code server_no_context_takeover} whether or not the client asked (§7.1.1.1 allows it). When false, it does
     * so only when the client asks.
     * Default true: no per-connection compressor between messages, and shared broadcast frames.
     */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /**
     * {@return whether the server always asks the client to compress each message on its own} It answers
     * {@code client_no_context_takeover} (§7.1.1.2 allows it). When false, it is answered only when the client
     * offered it. Default true: no per-connection decompressor between messages.
     */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /**
     * {@return the largest window, in bits, asked of clients whose offer has {@code client_max_window_bits}}
     * (§7.1.2.2; a client that did not offer it cannot be asked.) 15, the default, asks nothing. A smaller window
     * saves the client's memory and costs it compression, but saves this server nothing: its {@code Inflater} keeps
     * a 15-bit window anyway.
     */
    public int clientMaxWindowBits() {
        return clientMaxWindowBits;
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
    public Optional<NegotiatedExtension> negotiate(List<WebSocketExtensionData> offers) {
        for (WebSocketExtensionData offer : offers) {
            DeflateParameters asked;
            try {
                asked = DeflateParameters.parseOffer(offer);
            } catch (IllegalArgumentException malformed) {
                continue; // §7: "A server MUST decline an extension negotiation offer" with an invalid parameter
            }
            return Optional.of(accept(asked));
        }
        return Optional.empty();
    }

    /** The response to an acceptable offer, and the codec it asks for. */
    private NegotiatedExtension accept(DeflateParameters asked) {
        // §7.1.2.1: accepting server_max_window_bits means answering it, with the same or a smaller value.
        int serverWindow = asked.serverMaxWindowBits();
        // The JDK's Deflater cannot be told a smaller window; a message deflated on its own, no longer than the
        // window, cannot refer further back than the window.
        boolean smallWindow = serverWindow != ABSENT && serverWindow < MAX_WINDOW_BITS;
        boolean serverNoContext = serverNoContextTakeover || asked.serverNoContextTakeover() || smallWindow;
        boolean clientNoContext = clientNoContextTakeover || asked.clientNoContextTakeover();
        int clientWindow = ABSENT;
        if (asked.clientMaxWindowBits() != ABSENT && clientMaxWindowBits < MAX_WINDOW_BITS) {
            int offered = asked.clientMaxWindowBits() == NO_VALUE ? MAX_WINDOW_BITS : asked.clientMaxWindowBits();
            clientWindow = Math.min(offered, clientMaxWindowBits);
        }
        DeflateParameters response =
                new DeflateParameters(serverNoContext, clientNoContext, serverWindow, clientWindow);
        return new NegotiatedDeflate(response.toExtensionData(), codec.toBuilder()
                .localNoContextTakeover(serverNoContext)
                .remoteNoContextTakeover(clientNoContext)
                .localMaxWindowBits(smallWindow ? serverWindow : MAX_WINDOW_BITS)
                .build());
    }

    @Override
    public String toString() {
        return "PerMessageDeflateNegotiator{serverNoContextTakeover=" + serverNoContextTakeover
                + ", clientNoContextTakeover=" + clientNoContextTakeover + ", clientMaxWindowBits="
                + clientMaxWindowBits + ", compressionLevel=" + compressionLevel() + ", compressionThreshold="
                + compressionThreshold() + '}';
    }

    /** Builds a {@link PerMessageDeflateNegotiator}; every setter checks its argument at once. */
    public static final class Builder {
        private boolean serverNoContextTakeover = true;
        private boolean clientNoContextTakeover = true;
        private int clientMaxWindowBits = MAX_WINDOW_BITS;
        private final PerMessageDeflate.Builder codec = PerMessageDeflate.builder();

        private Builder() {
        }

        /**
         * Whether the server compresses each message on its own even when the client did not ask (RFC 7692
         * §7.1.1.1). Default true: no compressor kept per connection between messages, and broadcasts share one
         * compressed frame.
         *
         * @param require true to always answer {@code server_no_context_takeover}
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean require) {
            this.serverNoContextTakeover = require;
            return this;
        }

        /**
         * Whether the server asks every client to compress each message on its own, even one that did not offer it
         * (RFC 7692 §7.1.1.2). Default true: no decompressor kept per connection between messages.
         *
         * @param require true to always answer {@code client_no_context_takeover}
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean require) {
            this.clientNoContextTakeover = require;
            return this;
        }

        /**
         * The largest window asked of clients that offer {@code client_max_window_bits} (RFC 7692 §7.1.2.2). Default
         * 15, which asks nothing.
         *
         * @param bits 8 to 15
         * @return this builder
         * @throws IllegalArgumentException if {@code bits} is outside 8 to 15
         */
        public Builder clientMaxWindowBits(int bits) {
            this.clientMaxWindowBits = Checks.inRange("clientMaxWindowBits", bits, 8, MAX_WINDOW_BITS);
            return this;
        }

        /**
         * The {@code Deflater} level of the messages this server sends. Default
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
        public PerMessageDeflateNegotiator build() {
            return new PerMessageDeflateNegotiator(this);
        }
    }
}
