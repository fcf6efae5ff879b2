package io.github.wsline.netty;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.handshake.WebSocketUpgrade;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * The handshaker {@link WslineServerHandshakerFactory} returns: a Netty {@link WebSocketServerHandshaker} whose
 * {@code handshake} checks and negotiates as wsline does and installs wsline's codec where Netty installs its frame
 * decoder. The application reads every frame as with Netty's handshakers: Pings (it answers them), Pongs and Closes
 * (an echo it writes, or {@code close(channel, frame)}, is absorbed, wsline's codec having answered already).
 */
final class WslineServerHandshaker extends WebSocketServerHandshaker {
    private final WebSocketConfig codec;
    /** The pipeline of the channel given to {@code handshake(channel, request)}: a compression handler may be in it. */
    private ChannelPipeline pipeline;
    private WebSocketUpgrade upgrade;

    WslineServerHandshaker(WebSocketVersion version, String webSocketUrl, String subprotocols,
                           WebSocketDecoderConfig decoderConfig) {
        super(version, webSocketUrl, subprotocols, decoderConfig);
        this.codec = ServerSettings.codec(decoderConfig, true, true, true, null);
    }

    @Override
    public ChannelFuture handshake(Channel channel, FullHttpRequest req) {
        pipeline = channel.pipeline();
        return super.handshake(channel, req);
    }

    @Override
    public ChannelFuture handshake(Channel channel, HttpRequest req) {
        pipeline = channel.pipeline();
        return super.handshake(channel, req);
    }

    /** Throws Netty's exception, with wsline's reason, for a request wsline refuses; the caller answers it. */
    @Override
    protected FullHttpResponse newHandshakeResponse(FullHttpRequest req, HttpHeaders responseHeaders) {
        String subprotocol = selectSubprotocol(req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL));
        upgrade = WebSocketUpgrade.decide(ServerSettings.handshake(subprotocol, codec, pipeline), req);
        if (!upgrade.isAccepted()) {
            throw new WebSocketServerHandshakeException(upgrade.reason(), req);
        }
        FullHttpResponse response = upgrade.newResponse(ByteBufAllocator.DEFAULT);
        if (responseHeaders != null) {
            response.headers().add(responseHeaders);
        }
        return response;
    }

    /** Takes the place Netty gives its frame decoder, and puts wsline's codec there instead. */
    @Override
    protected WebSocketFrameDecoder newWebsocketDecoder() {
        return new CodecInstaller();
    }

    /** wsline's codec encodes too: this placeholder leaves as soon as it is added. */
    @Override
    protected WebSocketFrameEncoder newWebSocketEncoder() {
        return new EncoderPlaceholder();
    }

    private final class CodecInstaller extends ChannelInboundHandlerAdapter implements WebSocketFrameDecoder {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ServerSettings.removeHttpOnlyHandlers(ctx.pipeline());
            upgrade.installCodec(ctx.pipeline(), ctx.name());
            ctx.pipeline().remove(this);
        }
    }

    private static final class EncoderPlaceholder extends ChannelOutboundHandlerAdapter
            implements WebSocketFrameEncoder {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().remove(this);
        }
    }
}
