package io.github.wsline.it.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;

/**
 * Netty's own client, built as Netty's documentation builds it ({@code HttpClientCodec}, {@code HttpObjectAggregator},
 * {@code WebSocketClientCompressionHandler.INSTANCE}, {@code WebSocketClientProtocolHandler}), with a
 * {@link FrameRecorder} as its application. Close and Pong frames are passed to that application
 * ({@code handleCloseFrames(false)}, {@code dropPongFrames(false)}: Netty's options) so that a test sees the server's
 * close code and its pongs.
 */
final class StockNettyClient {
    private final Channel channel;
    private final FrameRecorder application = FrameRecorder.application();

    private StockNettyClient(Loopback loopback, Channel server, String path) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(Loopback.uri(server, path))
                .allowExtensions(true)
                .handleCloseFrames(false)
                .dropPongFrames(false)
                .build();
        channel = loopback.connect(server, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        WebSocketClientCompressionHandler.INSTANCE, new WebSocketClientProtocolHandler(config),
                        application);
            }
        });
        application.awaitEvent(ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
    }

    /** Connects to {@code path} of {@code server} and returns once the handshake is complete. */
    static StockNettyClient connect(Loopback loopback, Channel server, String path) {
        return new StockNettyClient(loopback, server, path);
    }

    FrameRecorder application() {
        return application;
    }

    void send(WebSocketFrame frame) {
        Loopback.await(channel.writeAndFlush(frame));
    }

    /** Whether the server accepted permessage-deflate: Netty's client then has inserted its decoder. */
    boolean negotiatedPerMessageDeflate() {
        return channel.pipeline().toMap().values().stream().anyMatch(WebSocketExtensionDecoder.class::isInstance);
    }

    /** Waits until the TCP connection is closed. */
    void awaitClosed() {
        Loopback.await(channel.closeFuture());
    }

    void close() {
        channel.close();
    }
}
