package io.github.wsline.handshake;

import static io.github.wsline.handshake.DeflateParameters.ABSENT;

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
 * <p>The offer is {@code permessage-deflate}, with {@code server_no_context_takeover} and
 * {@code client_no_context_takeover} when asked for. It never has {@code client_max_window_bits}, which would let the
 * server ask for a window below 15 bits, which the JDK's {@code Deflater} cannot use; nor
 * {@code server_max_window_bits}, as the {@code Inflater} decodes a stream made with any window.
 *
 * <p>§7: the client "MUST _Fail the WebSocket Connection_" when the response has a parameter RFC 7692 does not define
 * for a response, a parameter twice, or an invalid value, or asks for what the client cannot do: here,
 * {@code client_max_window_bits} (which was not offered, §7.1.2.2), or no {@code server_no_context_takeover} when it
 * was asked for (§7.1.1.1). The handshake then fails with a {@link WebSocketClientHandshakeException} saying why.
 */
public final class PerMessageDeflateClientNegotiator implements WebSocketClientExtensionNegotiator {
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    /** Level and threshold; the context takeover flags are set by the server's answer. */
    private final PerMessageDeflate codec;

    private PerMessageDeflateClientNegotiator(Builder b) {
        this.serverNoContextTakeover = b.serverNoContextTakeover;
        this.clientNoContextTakeover = b.clientNoContextTakeover;
        this.codec = b.codec.build();
    }

    /** A builder holding the defaults: a plain offer (context takeover both ways), level 6, threshold 128 bytes. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the offer asks the server to compress each message on its own, so that the client's {@code Inflater}
     * holds no memory between messages. Default false.
     */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** Whether the offer says the client compresses each message on its own. Default false. */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** The {@code Deflater} level, 0 to 9. Default {@value PerMessageDeflate#DEFAULT_COMPRESSION_LEVEL}. */
    public int compressionLevel() {
        return codec.compressionLevel();
    }

    /**
     * Messages sent in one frame with fewer payload bytes are sent uncompressed. Default
     * {@value PerMessageDeflate#DEFAULT_COMPRESSION_THRESHOLD}.
     */
    public int compressionThreshold() {
        return codec.compressionThreshold();
    }

    @Override
    public WebSocketExtensionData offer() {
        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, ABSENT, ABSENT)
                .toExtensionData();
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
        if (agreed.clientMaxWindowBits() != ABSENT) {
            throw refuse("client_max_window_bits was not offered.");
        }
        return new NegotiatedDeflate(response, codec.toBuilder()
                .localNoContextTakeover(clientNoContextTakeover || agreed.clientNoContextTakeover())
                .remoteNoContextTakeover(agreed.serverNoContextTakeover())
                .build());
    }

    @Override
    public String toString() {
        return "PerMessageDeflateClientNegotiator{serverNoContextTakeover=" + serverNoContextTakeover
                + ", clientNoContextTakeover=" + clientNoContextTakeover + ", compressionLevel=" + compressionLevel()
                + ", compressionThreshold=" + compressionThreshold() + '}';
    }

    private static WebSocketClientHandshakeException refuse(String reason) {
        return new WebSocketClientHandshakeException("Invalid permessage-deflate response: " + reason);
    }

    /** Builds a {@link PerMessageDeflateClientNegotiator}; every setter checks its argument at once. */
    public static final class Builder {
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private final PerMessageDeflate.Builder codec = PerMessageDeflate.builder();

        private Builder() {
        }

        public Builder serverNoContextTakeover(boolean request) {
            this.serverNoContextTakeover = request;
            return this;
        }

        public Builder clientNoContextTakeover(boolean promise) {
            this.clientNoContextTakeover = promise;
            return this;
        }

        /** 0 (no compression) to 9 (best). */
        public Builder compressionLevel(int level) {
            codec.compressionLevel(level);
            return this;
        }

        public Builder compressionThreshold(int bytes) {
            codec.compressionThreshold(bytes);
            return this;
        }

        public PerMessageDeflateClientNegotiator build() {
            return new PerMessageDeflateClientNegotiator(this);
        }
    }
}
