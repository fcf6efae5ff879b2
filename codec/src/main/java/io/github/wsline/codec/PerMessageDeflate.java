package io.github.wsline.codec;

import io.github.wsline.codec.internal.Checks;
import io.netty.channel.ChannelPipeline;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) as the codec applies it to one connection, once both ends have agreed on it: what
 * this end does when it compresses, and what it may expect of the peer's compressor. The opening handshake decides
 * these values (in wsline, {@code io.github.wsline.handshake.PerMessageDeflateNegotiator} and its client twin) and
 * calls {@link #install(ChannelPipeline)}:
 * <pre>
 *   wsline-decoder | wsline-inflater | wsline-encoder | wsline-deflater | wsline-protocol | wsline-aggregator | app
 * </pre>
 *
 * <p>Sending: a Text or Binary message of at least {@link #compressionThreshold()} bytes, or written in fragments, is
 * compressed (RSV1 on its first frame only); shorter messages and control frames go as they are (§6: a message may
 * be sent uncompressed), and so do the messages a window smaller than 15 bits leaves out (see below). Receiving: a message whose first frame carries RSV1 is inflated; RSV1 on a continuation or a
 * control frame is refused with 1002, and so is data that does not inflate. The inflated size counts against
 * {@link WebSocketConfig#maxMessageSize()} while inflating, so a decompression bomb is stopped with 1009 after at most
 * that many bytes; the compressed size does not (its frames may exceed the frame limit by deflate's worst-case
 * expansion, see {@link WebSocketConfig#maxFramePayloadLength()}), so a message of the limit fits however it
 * compresses. Text messages are checked for UTF-8 as they are inflated (1007). Streamed messages
 * ({@link WebSocketConfig#aggregateMessages()} false) are inflated fragment by fragment as they arrive, so one inflated
 * fragment may be larger than {@link WebSocketConfig#maxFramePayloadLength()}, never than the message limit.
 *
 * <p>Window sizes: the JDK's {@link Deflater} always compresses with a 15-bit (32 KiB) LZ77 window and cannot be told
 * a smaller one. A request that this end's window be smaller ({@code server_max_window_bits} &lt; 15 for a server,
 * {@code client_max_window_bits} &lt; 15 for a client, RFC 7692 §7.1.2) is honoured another way, with
 * {@link #localMaxWindowBits()}: each message is compressed on its own ({@link #localNoContextTakeover()}), and one
 * longer than the window, or written in fragments, is sent uncompressed. A raw DEFLATE stream with no preset
 * dictionary cannot refer further back than its own start, so a message of at most 2^bits bytes never refers
 * further back than the window. Its {@link Inflater} always keeps a 15-bit window, which decodes streams made with
 * any smaller window, so whatever window the peer compresses with is fine.
 *
 * <p>Memory: a {@code Deflater} holds about 256 KiB of native memory, an {@code Inflater} about 40 KiB. Without
 * context takeover on a side, its zlib stream is created for each message and ended at the message's end, so an idle
 * connection holds none; with context takeover it lives as long as the connection. Both are ended when the channel
 * closes or the handlers are removed.
 */
public final class PerMessageDeflate {
    /** The extension's token in {@code Sec-WebSocket-Extensions}. */
    public static final String EXTENSION_NAME = "permessage-deflate";
    /** The pipeline name of the inflater {@link #install(ChannelPipeline)} adds after the frame decoder. */
    public static final String INFLATER_NAME = "wsline-inflater";
    /** The pipeline name of the deflater {@link #install(ChannelPipeline)} adds after the frame encoder. */
    public static final String DEFLATER_NAME = "wsline-deflater";

    /** Default compression level: 6, zlib's own default, most of level 9's ratio at a fraction of its time. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;
    /**
     * Default compression threshold: 128 bytes. Without context takeover, deflate saves a few dozen bytes at best on
     * shorter messages (a 79-byte chat event becomes 64), not worth a compressor's setup.
     */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 128;
    /** The largest LZ77 window, and the default of {@link #localMaxWindowBits()}: 15 bits, 32 KiB (RFC 7692 §7.1.2). */
    public static final int MAX_WINDOW_BITS = 15;
    /** The smallest LZ77 window RFC 7692 §7.1.2.1 allows: 8 bits, 256 bytes. */
    public static final int MIN_WINDOW_BITS = 8;

    /** What the sender leaves off each message and the receiver appends back (RFC 7692 §7.2.1, §7.2.2). */
    static final byte[] EMPTY_STORED_BLOCK = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final boolean localNoContextTakeover;
    private final boolean remoteNoContextTakeover;
    private final int compressionLevel;
    private final int compressionThreshold;
    private final int localMaxWindowBits;

    private PerMessageDeflate(Builder b) {
        this.localNoContextTakeover = b.localNoContextTakeover;
        this.remoteNoContextTakeover = b.remoteNoContextTakeover;
        this.compressionLevel = b.compressionLevel;
        this.compressionThreshold = b.compressionThreshold;
        this.localMaxWindowBits = b.localMaxWindowBits;
    }

    /**
     * {@return a builder holding the defaults} Context takeover both ways, level 6, threshold 128 bytes, a 15-bit
     * window.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this value's settings}, to build a value that differs in a few. */
    public Builder toBuilder() {
        return new Builder()
                .localNoContextTakeover(localNoContextTakeover)
                .remoteNoContextTakeover(remoteNoContextTakeover)
                .compressionLevel(compressionLevel)
                .compressionThreshold(compressionThreshold)
                .localMaxWindowBits(localMaxWindowBits);
    }

    /**
     * {@return whether this end compresses each message on its own} Without the previous messages as a dictionary
     * ({@code server_no_context_takeover} agreed, for a server: RFC 7692 §7.1.1.1). Default false.
     */
    public boolean localNoContextTakeover() {
        return localNoContextTakeover;
    }

    /**
     * {@return whether the peer compresses each message on its own} The inflater then starts afresh for each message
     * ({@code client_no_context_takeover} agreed, for a server: RFC 7692 §7.1.1.2). Default false.
     */
    public boolean remoteNoContextTakeover() {
        return remoteNoContextTakeover;
    }

    /** {@return the {@link Deflater} level}, 0 (stored, no compression) to 9 (best). Default 6. */
    public int compressionLevel() {
        return compressionLevel;
    }

    /**
     * {@return the smallest message this end compresses, in bytes} Messages sent in one frame with fewer payload
     * bytes are sent uncompressed (RFC 7692 §6: a message may be). Default 128.
     */
    public int compressionThreshold() {
        return compressionThreshold;
    }

    /**
     * {@return the LZ77 window this end's compressor may use, in bits} 8 to 15: the {@code server_max_window_bits}
     * (for a server) or {@code client_max_window_bits} (for a client) agreed in the handshake (RFC 7692 §7.1.2).
     * Below 15, each message is compressed on its own ({@link #localNoContextTakeover()} is required), and a message
     * longer than 2^bits bytes, or written in fragments, is sent uncompressed. Default 15.
     */
    public int localMaxWindowBits() {
        return localMaxWindowBits;
    }

    /** The longest message that may be compressed: every one with a 15-bit window, else those within the window. */
    long maxCompressedMessageLength() {
        return localMaxWindowBits == MAX_WINDOW_BITS ? Long.MAX_VALUE : 1L << localMaxWindowBits;
    }

    /**
     * Adds the inflater right after {@link WebSocketConnectionHandler#DECODER_NAME} and the deflater right after
     * {@link WebSocketConnectionHandler#ENCODER_NAME}. The pipeline must hold a {@link WebSocketConnectionHandler} whose
     * config allows {@link WebSocketConfig#RSV1}; its role and {@link WebSocketConfig#maxMessageSize()} apply.
     *
     * @param pipeline the connection's pipeline, once the opening handshake agreed on permessage-deflate
     * @throws IllegalStateException when the pipeline holds no {@link WebSocketConnectionHandler}, or one whose
     *                               config does not allow RSV1
     */
    public void install(ChannelPipeline pipeline) {
        install(pipeline, () -> new Inflater(true), () -> new Deflater(compressionLevel, true));
    }

    /** For tests that watch the zlib streams being ended. */
    void install(ChannelPipeline pipeline, Supplier<Inflater> inflaters, Supplier<Deflater> deflaters) {
        WebSocketConnectionHandler protocol = pipeline.get(WebSocketConnectionHandler.class);
        if (protocol == null || pipeline.get(WebSocketConnectionHandler.DECODER_NAME) == null) {
            throw new IllegalStateException("permessage-deflate goes into a pipeline with a WebSocketConnectionHandler.");
        }
        WebSocketConfig config = protocol.config();
        if ((config.allowedRsvBits() & WebSocketConfig.RSV1) == 0) {
            throw new IllegalStateException("permessage-deflate needs RSV1 in WebSocketConfig.allowedRsvBits.");
        }
        MessageDecompressor decompressor =
                new MessageDecompressor(remoteNoContextTakeover, config.maxMessageSize(), inflaters);
        MessageCompressor compressor = new MessageCompressor(localNoContextTakeover, deflaters);
        pipeline.addAfter(WebSocketConnectionHandler.DECODER_NAME, INFLATER_NAME, new MessageInflater(decompressor));
        pipeline.addAfter(WebSocketConnectionHandler.ENCODER_NAME, DEFLATER_NAME,
                new MessageDeflater(compressor, this, config.role()));
    }

    @Override
    public String toString() {
        return "PerMessageDeflate{localNoContextTakeover=" + localNoContextTakeover
                + ", remoteNoContextTakeover=" + remoteNoContextTakeover + ", compressionLevel=" + compressionLevel
                + ", compressionThreshold=" + compressionThreshold + ", localMaxWindowBits=" + localMaxWindowBits + '}';
    }

    /** Builds a {@link PerMessageDeflate}; every setter checks its argument at once. */
    public static final class Builder {
        private boolean localNoContextTakeover;
        private boolean remoteNoContextTakeover;
        private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;
        private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
        private int localMaxWindowBits = MAX_WINDOW_BITS;

        private Builder() {
        }

        /**
         * Sets {@link PerMessageDeflate#localNoContextTakeover()}.
         *
         * @param noContextTakeover whether this end compresses each message on its own
         * @return this builder
         */
        public Builder localNoContextTakeover(boolean noContextTakeover) {
            this.localNoContextTakeover = noContextTakeover;
            return this;
        }

        /**
         * Sets {@link PerMessageDeflate#remoteNoContextTakeover()}.
         *
         * @param noContextTakeover whether the peer compresses each message on its own
         * @return this builder
         */
        public Builder remoteNoContextTakeover(boolean noContextTakeover) {
            this.remoteNoContextTakeover = noContextTakeover;
            return this;
        }

        /**
         * Sets {@link PerMessageDeflate#compressionLevel()}.
         *
         * @param level 0 to 9, as {@link Deflater} takes them
         * @return this builder
         * @throws IllegalArgumentException when {@code level} is not 0 to 9
         */
        public Builder compressionLevel(int level) {
            this.compressionLevel =
                    Checks.inRange("compressionLevel", level, Deflater.NO_COMPRESSION, Deflater.BEST_COMPRESSION);
            return this;
        }

        /**
         * Sets {@link PerMessageDeflate#compressionThreshold()}.
         *
         * @param bytes the smallest message compressed; 0 compresses every message
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is negative
         */
        public Builder compressionThreshold(int bytes) {
            this.compressionThreshold = Checks.notNegative("compressionThreshold", bytes);
            return this;
        }

        /**
         * Sets {@link PerMessageDeflate#localMaxWindowBits()}.
         *
         * @param bits 8 to 15; below 15 needs {@link #localNoContextTakeover(boolean) localNoContextTakeover(true)}
         * @return this builder
         * @throws IllegalArgumentException when {@code bits} is not 8 to 15
         */
        public Builder localMaxWindowBits(int bits) {
            this.localMaxWindowBits = Checks.inRange("localMaxWindowBits", bits, MIN_WINDOW_BITS, MAX_WINDOW_BITS);
            return this;
        }

        /**
         * {@return a value holding this builder's settings} The builder can go on to build others.
         *
         * @throws IllegalStateException when {@link #localMaxWindowBits(int)} is below 15 without
         *                               {@link #localNoContextTakeover(boolean) localNoContextTakeover(true)}
         */
        public PerMessageDeflate build() {
            if (localMaxWindowBits < MAX_WINDOW_BITS && !localNoContextTakeover) {
                // The JDK's Deflater has a 15-bit window: a smaller one is kept only by compressing each message alone.
                throw new IllegalStateException("localMaxWindowBits below 15 needs localNoContextTakeover.");
            }
            return new PerMessageDeflate(this);
        }
    }
}
