package io.github.wsline.netty;

import io.github.wsline.handshake.PerMessageDeflateClientNegotiator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * In place of Netty's {@code WebSocketClientCompressionHandler}: offers permessage-deflate (RFC 7692) in the handshake
 * of a {@link WslineClientProtocolHandler} or of a {@link WslineClientHandshakerFactory} handshaker, at the position
 * where Netty's handler sits:
 * <pre>{@code
 * pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
 *         WslineClientCompressionHandler.INSTANCE, new WslineClientProtocolHandler(config), new MyFrameHandler());
 * }</pre>
 *
 * <p>The offer is Netty's default, a plain {@code permessage-deflate} at level 6; it accepts every answer Netty's
 * accepts ({@code server_no_context_takeover}, {@code server_max_window_bits}) and also
 * {@code client_no_context_takeover}, which RFC 7692 §7.1.1.2 lets a server ask for unsolicited and which Netty's
 * refuses. The handler itself only carries the offer: the handshake reads it, wsline's codec compresses, and the
 * handler leaves the pipeline when the codec is installed. With Netty's own handshakers it does nothing.
 */
@ChannelHandler.Sharable
public final class WslineClientCompressionHandler extends ChannelInboundHandlerAdapter {
    /**
     * A handler with Netty's defaults, for any number of channels. Netty deprecates its {@code INSTANCE} for the
     * unlimited inflation it implies; here the codec's message limit bounds every inflated message.
     */
    public static final WslineClientCompressionHandler INSTANCE = new WslineClientCompressionHandler(0);

    private final PerMessageDeflateClientNegotiator negotiator = PerMessageDeflateClientNegotiator.builder().build();

    /**
     * A handler with Netty's defaults, for any number of channels.
     *
     * @param maxAllocation Netty's limit, in bytes, on an inflated message, 0 for none; accepted for compatibility:
     *                      the codec's own message limit ({@code maxFramePayloadLength} of the protocol handler or
     *                      handshaker, at least 1 MiB) bounds every inflated message
     * @throws IllegalArgumentException if {@code maxAllocation} is negative, as Netty's does
     */
    public WslineClientCompressionHandler(int maxAllocation) {
        if (maxAllocation < 0) {
            throw new IllegalArgumentException("maxAllocation: " + maxAllocation + " (expected: >= 0)");
        }
    }

    PerMessageDeflateClientNegotiator negotiator() {
        return negotiator;
    }
}
