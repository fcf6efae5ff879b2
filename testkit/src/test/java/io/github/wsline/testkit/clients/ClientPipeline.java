package io.github.wsline.testkit.clients;

import io.github.wsline.handshake.PerMessageDeflateClientNegotiator;
import io.github.wsline.handshake.WebSocketClientConfig;
import io.github.wsline.handshake.WebSocketClientUpgradeHandler;
import io.github.wsline.netty.WslineClientProtocolHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.util.Locale;
import java.util.function.Function;

/**
 * A WebSocket client application as a Netty user writes one, on wsline's client or on Netty's: its initializer, and
 * the outcome of its opening handshake as the application learns it.
 */
final class ClientPipeline {
    static final URI URI_ = URI.create("ws://localhost/chat");

    private final String name;
    private final boolean echoesClose;
    private final int violationCloseCode;
    private final ChannelInitializer<SocketChannel> initializer;
    private ChannelPromise handshake;

    private ClientPipeline(String name, boolean echoesClose, int violationCloseCode, Installer installer) {
        this.name = name;
        this.echoesClose = echoesClose;
        this.violationCloseCode = violationCloseCode;
        this.initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                handshake = ch.newPromise();
                installer.install(ch, handshake);
            }
        };
    }

    private interface Installer {
        void install(SocketChannel ch, ChannelPromise handshake);
    }

    /** wsline's client: the upgrade handler fails its handshake future and closes the channel on a bad answer. */
    static ClientPipeline wsline() {
        return wsline(WebSocketClientConfig.builder(URI_).build());
    }

    /** wsline's client, offering permessage-deflate. */
    static ClientPipeline wslineCompressing() {
        return wsline(WebSocketClientConfig.builder(URI_)
                .extensions(PerMessageDeflateClientNegotiator.builder().build())
                .build());
    }

    private static ClientPipeline wsline(WebSocketClientConfig config) {
        return new ClientPipeline("wsline's WebSocketClientUpgradeHandler", true, 1002, (ch, handshake) -> {
            WebSocketClientUpgradeHandler upgrade = new WebSocketClientUpgradeHandler(config);
            ch.pipeline().addLast(new HttpClientCodec(), upgrade, new Shouter(null));
            upgrade.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    handshake.trySuccess();
                } else {
                    handshake.tryFailure(f.cause());
                }
            });
        });
    }

    /**
     * Netty's client, as its WebSocketClient example builds it: the handshake's end is an event, its failure an
     * exception the application handles by closing. Netty's client closes the connection on the server's Close without
     * answering it (WebSocketClientProtocolHandler, handleCloseFrames). Its handshaker puts the frame decoder between the
     * socket and the frame encoder, so the Close 1002 the decoder writes on a protocol violation never passes the
     * encoder and the socket refuses it (it is not bytes); the application's close then sends Close 1000 "Bye"
     * (WebSocketClientProtocolConfig.sendCloseFrame).
     */
    static ClientPipeline netty() {
        return netty(true, false);
    }

    /** Netty's client with its compression handler, offering permessage-deflate. */
    static ClientPipeline nettyCompressing() {
        return netty(true, true);
    }

    /** Netty's client with masking off: what RFC 6455 §5.3 forbids, for the kit to catch. */
    static ClientPipeline nettyUnmasked() {
        return netty(false, false);
    }

    private static ClientPipeline netty(boolean masking, boolean compression) {
        return nettyShaped("Netty's WebSocketClientProtocolHandler", false, 1000, WebSocketClientProtocolHandler::new,
                compression ? new WebSocketClientCompressionHandler(65536) : null, masking);
    }

    /**
     * The same application on wsline's drop-in for Netty's client handlers: Netty's events and configuration, wsline's
     * codec, which answers the server's Close and sends Close 1002 on a violation.
     */
    static ClientPipeline wslineDropIn() {
        return nettyShaped("wsline's drop-in WslineClientProtocolHandler", true, 1002, WslineClientProtocolHandler::new,
                null, true);
    }

    private static ClientPipeline nettyShaped(String name, boolean echoesClose, int violationCloseCode,
            Function<WebSocketClientProtocolConfig, ChannelHandler> protocolHandler, ChannelHandler compression,
            boolean masking) {
        return new ClientPipeline(name, echoesClose, violationCloseCode, (ch, handshake) -> {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192));
            if (compression != null) {
                ch.pipeline().addLast(compression);
            }
            ch.pipeline().addLast(protocolHandler.apply(WebSocketClientProtocolConfig.newBuilder()
                            .webSocketUri(URI_)
                            .performMasking(masking)
                            .allowExtensions(compression != null)
                            .build()),
                    new Shouter(handshake));
        });
    }

    ChannelInitializer<SocketChannel> initializer() {
        return initializer;
    }

    /** {@return the handshake's outcome, as the application learns it} */
    ChannelPromise handshake() {
        return handshake;
    }

    /** {@return the code of the Close this client sends when the server breaks the protocol} */
    int violationCloseCode() {
        return violationCloseCode;
    }

    /** {@return whether this client answers the server's Close with its own (RFC 6455 §5.5.1)} */
    boolean echoesClose() {
        return echoesClose;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The application: answers every text message in upper case. */
    private static final class Shouter extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        /** Completed by this handler behind Netty's client, which reports the handshake through events. */
        private final ChannelPromise handshake;

        Shouter(ChannelPromise handshake) {
            this.handshake = handshake;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text().toUpperCase(Locale.ROOT)));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (handshake != null && event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.trySuccess();
            } else if (handshake != null
                    && event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                handshake.tryFailure(new WebSocketClientHandshakeException("handshake timed out"));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (handshake != null) {
                handshake.tryFailure(cause);
            }
            ctx.close();
        }
    }
}
