package io.github.wsline.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Set;

/**
 * Right behind the HTTP codec (and TLS): counts the answer to each WebSocket handshake (a request for a WebSocket
 * path, or one asking for {@code Upgrade: websocket}) by status, and once the HTTP codec has made way for the frame
 * decoder and encoder, the bytes of the frames each way. Passes everything on untouched.
 */
final class WireMeter extends ChannelDuplexHandler {
    private final ServerMetrics metrics;
    private final Set<String> webSocketPaths;
    private final WebSocketSession session;
    /** The request being answered is a handshake. */
    private boolean handshake;

    WireMeter(ServerMetrics metrics, Set<String> webSocketPaths, WebSocketSession session) {
        this.metrics = metrics;
        this.webSocketPaths = webSocketPaths;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && session.in() != null) { // before the upgrade, the HTTP decoder has them
            session.in().wire(bytes.readableBytes());
        } else if (msg instanceof HttpRequest request) {
            handshake = webSocketPaths.contains(new QueryStringDecoder(request.uri()).path())
                    || request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes && session.out() != null) { // before the upgrade, HttpResponse objects
            session.out().wire(bytes.readableBytes());
        } else if (msg instanceof HttpResponse response && handshake) {
            handshake = false;
            metrics.handshake(response.status().code());
        }
        ctx.write(msg, promise);
    }
}
