package io.github.wsline.http2;

import io.github.wsline.codec.internal.Checks;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Sets up a server's HTTP/2 connection (h2c with prior knowledge, or h2 once TLS and ALPN chose it): Netty's
 * {@link Http2FrameCodec} and {@link Http2MultiplexHandler}, each stream its own {@link Http2StreamChannel}.
 * <ul>
 *   <li>With a {@link WebSocketServerConfig}, the server's SETTINGS carry {@code SETTINGS_ENABLE_CONNECT_PROTOCOL = 1}
 *       (RFC 8441 §3), and a stream whose request is an extended CONNECT for {@code websocket} (§4) is decided as an
 *       HTTP/1.1 upgrade is, by the same routes, origin policy, filter, subprotocols and extensions; an accepted one
 *       is answered 200 and becomes a WebSocket with the route's application handler, which receives the same
 *       {@code WebSocketHandshakeCompleted} event (its {@code isHttp2()} true) and the same frames.</li>
 *   <li>Every other stream gets {@code otherStreams}, which reads Netty's {@code Http2HeadersFrame} and
 *       {@code Http2DataFrame}: the application's pages.</li>
 * </ul>
 *
 * <pre>{@code
 * ServerBootstrap bootstrap = new ServerBootstrap()
 *         .group(group)
 *         .channel(NioServerSocketChannel.class)
 *         .childHandler(new Http2WebSocketServerInitializer(config, new PageStreamHandler()));
 * }</pre>
 */
@ChannelHandler.Sharable
public final class Http2WebSocketServerInitializer extends ChannelInitializer<Channel> {
    private final WebSocketServerConfig config;
    private final ChannelHandler otherStreams;

    /**
     * Serves {@code config}'s WebSocket routes on extended CONNECT streams, and every other stream with
     * {@code otherStreams}.
     *
     * @param config       the routes, policies and limits, as for HTTP/1.1
     * @param otherStreams added to each stream that is not an extended CONNECT; shared by all of them, so it must be
     *                     {@link ChannelHandler.Sharable} (a {@link ChannelInitializer} is)
     */
    public Http2WebSocketServerInitializer(WebSocketServerConfig config, ChannelHandler otherStreams) {
        this.config = Checks.notNull("config", config);
        this.otherStreams = Checks.notNull("otherStreams", otherStreams);
    }

    /**
     * Serves HTTP/2 without WebSocket: the connect-protocol setting is not sent, and an extended CONNECT is a
     * malformed request (RFC 8441 §3), reset with {@code PROTOCOL_ERROR}.
     *
     * @param otherStreams added to each stream; {@link ChannelHandler.Sharable}
     */
    public Http2WebSocketServerInitializer(ChannelHandler otherStreams) {
        this.config = null;
        this.otherStreams = Checks.notNull("otherStreams", otherStreams);
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(newFrameCodec(),
                new Http2MultiplexHandler(new StreamInitializer()));
    }

    /** RFC 8441 §3: the setting is sent only by a server that serves WebSocket routes. */
    private Http2FrameCodec newFrameCodec() {
        Http2Settings settings = Http2Settings.defaultSettings();
        if (config != null) {
            settings.connectProtocolEnabled(true);
        }
        return Http2FrameCodecBuilder.forServer().initialSettings(settings).validateHeaders(true).build();
    }

    /** Gives each new stream its own {@link ExtendedConnectHandler}, which decides what the stream is. */
    @ChannelHandler.Sharable
    private final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
        @Override
        protected void initChannel(Http2StreamChannel stream) {
            stream.pipeline().addLast(new ExtendedConnectHandler(config, otherStreams));
        }
    }
}
