package io.github.wsline.testkit.pipelines;

import io.github.wsline.handshake.PerMessageDeflateNegotiator;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.github.wsline.netty.WslineServerCompressionHandler;
import io.github.wsline.netty.WslineServerProtocolHandler;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

/**
 * The same echo server built the three ways a Netty application builds one, each as its {@code ChannelInitializer}:
 * the kit must test them all alike.
 */
final class ServerPipelines {
    static final String PATH = "/ws";

    private ServerPipelines() {
    }

    /**
     * Echoes every Text, Binary and Continuation frame: whole messages behind wsline (which aggregates them), the
     * fragments as they come behind Netty's handler (which does not).
     */
    static final class EchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame
                    || frame instanceof ContinuationWebSocketFrame) {
                ctx.writeAndFlush(frame.retainedDuplicate());
            }
        }
    }

    /** Netty's own websocketx server, as its examples build it (WebSocketServerInitializer). */
    static ChannelInitializer<SocketChannel> netty() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec());
                ch.pipeline().addLast(new HttpObjectAggregator(65536));
                ch.pipeline().addLast(new WebSocketServerCompressionHandler(65536));
                ch.pipeline().addLast(new WebSocketServerProtocolHandler(PATH, null, true));
                ch.pipeline().addLast(new EchoHandler());
            }
        };
    }

    /** The same pipeline with wsline's drop-ins in place of Netty's protocol and compression handlers. */
    static ChannelInitializer<SocketChannel> wslineDropIn() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec());
                ch.pipeline().addLast(new HttpObjectAggregator(65536));
                ch.pipeline().addLast(new WslineServerCompressionHandler(65536));
                ch.pipeline().addLast(new WslineServerProtocolHandler(PATH, null, true));
                ch.pipeline().addLast(new EchoHandler());
            }
        };
    }

    /** wsline's own server: a route and permessage-deflate. */
    static ChannelInitializer<SocketChannel> wsline() {
        return wsline(WebSocketServerConfig.builder()
                .route(PATH, EchoHandler::new)
                .extensions(PerMessageDeflateNegotiator.builder().build())
                .build());
    }

    /** A wsline server as an application's initializer builds one. */
    static ChannelInitializer<SocketChannel> wsline(WebSocketServerConfig config) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config));
            }
        };
    }

    /** A server that masks what it sends, which RFC 6455 §5.1 forbids: the kit must fail the test. */
    static ChannelInitializer<SocketChannel> masking() {
        return brokenNetty(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                // 81 85 + key + masked "Hello" (RFC 6455 §5.7), written past Netty's encoder
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa,
                        0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58}));
            }
        });
    }

    /** A server that answers with a Close carrying 1005, a code that must never be sent (RFC 6455 §7.4.1). */
    static ChannelInitializer<SocketChannel> closingWith1005() {
        return brokenNetty(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xed}));
            }
        });
    }

    private static ChannelInitializer<SocketChannel> brokenNetty(SimpleChannelInboundHandler<?> handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                        new WebSocketServerProtocolHandler(PATH), handler);
            }
        };
    }
}
