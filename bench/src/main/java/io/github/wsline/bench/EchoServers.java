package io.github.wsline.bench;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.handshake.PerMessageDeflateNegotiator;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/** The two servers the load test compares, each an echo on {@code /echo}, with the same limits and flushing. */
final class EchoServers {
    static final int MAX_MESSAGE = 1 << 20;

    private EchoServers() {
    }

    /** wsline: the upgrade handler behind HttpServerCodec, the codec, an echo; with its default deflate policy. */
    static Channel wsline(EventLoopGroup group, int port, boolean deflate) throws InterruptedException {
        WebSocketServerConfig.Builder builder = WebSocketServerConfig.builder()
                .codec(WebSocketConfig.builder().maxFramePayloadLength(MAX_MESSAGE).maxMessageSize(MAX_MESSAGE).build())
                .route("/echo", Echo::new);
        if (deflate) {
            builder.extensions(PerMessageDeflateNegotiator.builder().build());
        }
        WebSocketServerConfig config = builder.build();
        return bind(group, port, pipeline -> pipeline.pipeline().addLast(config.newHttpServerCodec(),
                new WebSocketUpgradeHandler(config)));
    }

    /**
     * Netty's standard pipeline: HttpServerCodec, HttpObjectAggregator, [WebSocketServerCompressionHandler with its
     * defaults], WebSocketServerProtocolHandler, WebSocketFrameAggregator, an echo.
     */
    static Channel netty(EventLoopGroup group, int port, boolean deflate) throws InterruptedException {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/echo").maxFramePayloadLength(MAX_MESSAGE).allowExtensions(deflate).build();
        return bind(group, port, ch -> {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192));
            if (deflate) {
                ch.pipeline().addLast(new WebSocketServerCompressionHandler(MAX_MESSAGE));
            }
            ch.pipeline().addLast(new WebSocketServerProtocolHandler(config), new WebSocketFrameAggregator(MAX_MESSAGE),
                    new Echo());
        });
    }

    private static Channel bind(EventLoopGroup group, int port, Consumer<SocketChannel> pipeline)
            throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline.accept(ch);
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    /** Writes every Text and Binary message back; one flush per read. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                ctx.write(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }
    }

}
