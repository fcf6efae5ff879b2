package io.github.wsline.it.netty;

import io.github.wsline.netty.WslineClientCompressionHandler;
import io.github.wsline.netty.WslineClientProtocolHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.util.function.Function;

/**
 * A client built as Netty's documentation builds one ({@code HttpClientCodec}, {@code HttpObjectAggregator}, the
 * client compression handler, the client protocol handler), with a {@link FrameRecorder} as its application: either
 * Netty's stock classes or wsline's drop-ins in their place. Unless made {@link #withNettysDefaults}, Close and Pong
 * frames are passed to that application ({@code handleCloseFrames(false)}, {@code dropPongFrames(false)}: Netty's
 * options) so that a test sees the server's close code and its pongs.
 */
final class ProtocolHandlerClient {
    private final Channel channel;
    private final FrameRecorder application = FrameRecorder.application();

    private ProtocolHandlerClient(Loopback loopback, Channel server, Classes classes,
            WebSocketClientProtocolConfig config) {
        channel = loopback.connect(server, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192), classes.compression,
                        classes.protocol.apply(config), application);
            }
        });
    }

    /** Which classes the client is made of. */
    enum Classes {
        NETTYS(WebSocketClientCompressionHandler.INSTANCE, WebSocketClientProtocolHandler::new),
        WSLINES(WslineClientCompressionHandler.INSTANCE, WslineClientProtocolHandler::new);

        private final ChannelHandler compression;
        private final Function<WebSocketClientProtocolConfig, ChannelHandler> protocol;

        Classes(ChannelHandler compression, Function<WebSocketClientProtocolConfig, ChannelHandler> protocol) {
            this.compression = compression; // both are @Sharable singletons
            this.protocol = protocol;
        }
    }

    /** A client of {@code classes} for {@code path} of {@code server}; returns once the handshake is complete. */
    static ProtocolHandlerClient connect(Classes classes, Loopback loopback, Channel server, String path) {
        return handshaken(new ProtocolHandlerClient(loopback, server, classes, seeingEverything(server, path)));
    }

    /** Netty's stock client for {@code path} of {@code server}; returns once the handshake is complete. */
    static ProtocolHandlerClient nettys(Loopback loopback, Channel server, String path) {
        return connect(Classes.NETTYS, loopback, server, path);
    }

    /** The same client with wsline's drop-ins; returns once the handshake is complete. */
    static ProtocolHandlerClient wslines(Loopback loopback, Channel server, String path) {
        return handshaken(wslinesUnfinished(loopback, server, path));
    }

    /** The client with wsline's drop-ins, whatever the outcome of its handshake. */
    static ProtocolHandlerClient wslinesUnfinished(Loopback loopback, Channel server, String path) {
        return new ProtocolHandlerClient(loopback, server, Classes.WSLINES, seeingEverything(server, path));
    }

    /**
     * A client configured with Netty's defaults (Close frames handled, Pong frames dropped), but for
     * {@code allowExtensions(true)}, which permessage-deflate needs; returns once the handshake is complete.
     */
    static ProtocolHandlerClient withNettysDefaults(Classes classes, Loopback loopback, Channel server, String path) {
        return handshaken(new ProtocolHandlerClient(loopback, server, classes, configuration(server, path).build()));
    }

    private static WebSocketClientProtocolConfig seeingEverything(Channel server, String path) {
        return configuration(server, path).handleCloseFrames(false).dropPongFrames(false).build();
    }

    private static WebSocketClientProtocolConfig.Builder configuration(Channel server, String path) {
        return WebSocketClientProtocolConfig.newBuilder().webSocketUri(Loopback.uri(server, path)).allowExtensions(true);
    }

    private static ProtocolHandlerClient handshaken(ProtocolHandlerClient client) {
        client.application.awaitEvent(ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
        return client;
    }

    FrameRecorder application() {
        return application;
    }

    void send(WebSocketFrame frame) {
        Loopback.await(channel.writeAndFlush(frame));
    }

    /** Whether Netty's client inserted its permessage-deflate decoder: the server accepted the extension. */
    boolean nettyNegotiatedPerMessageDeflate() {
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
