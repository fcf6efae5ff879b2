package io.github.wsline.netty;

import io.github.wsline.codec.internal.Checks;
import io.github.wsline.handshake.PerMessageDeflateNegotiator;
import io.netty.channel.ChannelHandlerAdapter;

/**
 * Drop-in for Netty's {@code WebSocketServerCompressionHandler}: put it where Netty's goes, in front of a
 * {@link WslineServerProtocolHandler} (or of the handler that calls a {@link WslineServerHandshakerFactory}
 * handshaker), and clients that offer permessage-deflate (RFC 7692) get it. It holds the negotiation settings; the
 * handshake finds it in the pipeline, negotiates with them and removes it at the upgrade.
 *
 * <p>The settings are Netty's: level 6, and no {@code client_no_context_takeover} unless the client offered it, because
 * Netty's stock {@code WebSocketClientCompressionHandler} refuses a response that asks for it unsolicited (RFC 7692
 * §7.1.1.2 allows the server to). Unlike Netty's, it answers {@code server_no_context_takeover} (which every client
 * must accept, §7.1.1.1) so that an idle connection keeps no compressor, accepts offers that ask for
 * {@code server_no_context_takeover} or a {@code server_max_window_bits} below 15 (Netty's declines both by default),
 * and does not negotiate the pre-standard {@code deflate-frame} extension.
 */
public class WslineServerCompressionHandler extends ChannelHandlerAdapter {
    private final int maxAllocation;
    private final PerMessageDeflateNegotiator negotiator;

    /**
     * A handler with Netty's default configuration.
     *
     * @deprecated as Netty's: use {@link #WslineServerCompressionHandler(int)}.
     */
    @Deprecated
    public WslineServerCompressionHandler() {
        this(0);
    }

    /**
     * A handler with Netty's default configuration.
     *
     * @param maxAllocation as Netty's, the largest decompressed frame, 0 for no limit; accepted for compatibility:
     *                      wsline bounds every decompressed message by the codec's message limit anyway (RFC 7692
     *                      §6), so that no zip bomb can be inflated without bound
     * @throws IllegalArgumentException if {@code maxAllocation} is negative
     */
    public WslineServerCompressionHandler(int maxAllocation) {
        this.maxAllocation = Checks.notNegative("maxAllocation", maxAllocation);
        this.negotiator = PerMessageDeflateNegotiator.builder().clientNoContextTakeover(false).build();
    }

    PerMessageDeflateNegotiator negotiator() {
        return negotiator;
    }

    @Override
    public String toString() {
        return "WslineServerCompressionHandler{maxAllocation=" + maxAllocation + ", " + negotiator + '}';
    }
}
