package io.github.wsline.http2;

import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgrade;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * The first handler of every stream: its request's HEADERS decide what the stream is. An extended CONNECT for
 * {@code websocket} (RFC 8441 §4) is decided by the handshake and answered 200 or refused; a request that is not an
 * extended CONNECT goes to the application's handler for other streams, untouched. Either way this handler then
 * leaves the stream's pipeline.
 */
final class ExtendedConnectHandler extends ChannelInboundHandlerAdapter {
    static final String ADAPTER_NAME = "wsline-h2-adapter";
    static final String APPLICATION_NAME = "wsline-application";

    /** Connection-specific, or set by {@link #refuse} for the body it writes. */
    private static final Set<AsciiString> NOT_COPIED = Set.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.CONTENT_TYPE);

    private static final InternalLogger logger = InternalLoggerFactory.getInstance(ExtendedConnectHandler.class);

    /** Null when the server serves no WebSocket routes and so did not send the connect-protocol setting. */
    private final WebSocketServerConfig config;
    private final ChannelHandler otherStreams;

    ExtendedConnectHandler(WebSocketServerConfig config, ChannelHandler otherStreams) {
        this.config = config;
        this.otherStreams = otherStreams;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame request) || !ExtendedConnectRequest.hasProtocol(request.headers())) {
            ctx.pipeline().addAfter(ctx.name(), null, otherStreams);
            ctx.fireChannelRead(msg);
            ctx.pipeline().remove(this);
            return;
        }
        try {
            HttpRequest http = ExtendedConnectRequest.of(request.headers(), config != null, schemeOf(ctx));
            if (request.isEndStream()) { // RFC 9113 §8.5: a CONNECT's stream carries data both ways
                throw new ExtendedConnectRequest.Refused(HttpResponseStatus.BAD_REQUEST,
                        "Extended CONNECT must leave its stream open.");
            }
            decide(ctx, http);
        } catch (ExtendedConnectRequest.Malformed malformed) {
            logger.debug("{} malformed request: {}", ctx.channel(), malformed.getMessage());
            // The stream closes once the reset is written; nothing else goes on it.
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.PROTOCOL_ERROR));
            ctx.pipeline().remove(this);
        } catch (ExtendedConnectRequest.Refused refused) {
            refuse(ctx, refused.status(), refused.getMessage(), new DefaultHttp2Headers());
        }
    }

    private void decide(ChannelHandlerContext ctx, HttpRequest request) {
        WebSocketUpgrade upgrade;
        Optional<ChannelHandler> application;
        try {
            upgrade = WebSocketUpgrade.decideExtendedConnect(config, request);
            application = upgrade.isAccepted() ? upgrade.newApplicationHandler() : Optional.empty();
        } catch (RuntimeException e) { // from the application's filter, negotiators or handler supplier
            ctx.fireExceptionCaught(e);
            refuse(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal server error.", new DefaultHttp2Headers());
            return;
        }
        if (!upgrade.isAccepted()) {
            refuse(ctx, upgrade.status(), upgrade.reason(), headersOf(upgrade, ctx));
            return;
        }
        if (application.isEmpty()) { // its handlers would be in a TCP connection's pipeline, not in a stream's
            refuse(ctx, HttpResponseStatus.NOT_IMPLEMENTED, "This route is not served over HTTP/2.",
                    new DefaultHttp2Headers());
            return;
        }
        accept(ctx, upgrade, application.get());
    }

    /**
     * §5: the 200 goes out, then the stream carries WebSocket frames: the adapter, the codec (with a watch on the
     * peer's Close in front of it) and the route's handler take this handler's place, and the application hears of
     * the handshake before the first frame.
     */
    private static void accept(ChannelHandlerContext ctx, WebSocketUpgrade upgrade, ChannelHandler application) {
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headersOf(upgrade, ctx)));
        ChannelPipeline pipeline = ctx.pipeline();
        StreamFrameAdapter adapter = new StreamFrameAdapter(upgrade.codec().closeTimeout());
        pipeline.addAfter(ctx.name(), APPLICATION_NAME, application);
        pipeline.addAfter(ctx.name(), ADAPTER_NAME, adapter);
        upgrade.installCodec(pipeline, ADAPTER_NAME);
        pipeline.addBefore(pipeline.context(WebSocketConnectionHandler.class).name(), null,
                new PeerCloseObserver(adapter));
        ctx.fireUserEventTriggered(upgrade.completed());
        pipeline.remove(ctx.handler());
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason,
                               Http2Headers headers) {
        logger.debug("{} WebSocket over HTTP/2 refused: {} {}", ctx.channel(), status.code(), reason);
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), reason + "\n");
        headers.status(status.codeAsText())
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        ctx.write(new DefaultHttp2HeadersFrame(headers));
        // RFC 9113 §8.1: once the response is complete (its DATA through flow control: a reset would discard it),
        // the client is asked to stop sending without an error; that closes the stream rather than leave it half-open
        // on a client that does not end its side.
        ctx.writeAndFlush(new DefaultHttp2DataFrame(body, true)).addListener(written -> {
            if (written.isSuccess() && ctx.channel().isActive()) {
                ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
            }
        });
        ctx.pipeline().remove(ctx.handler());
    }

    /** The response's status and header fields; HTTP/1.1's connection-specific ones (RFC 9113 §8.2.2) left out. */
    private static Http2Headers headersOf(WebSocketUpgrade upgrade, ChannelHandlerContext ctx) {
        FullHttpResponse response = upgrade.newResponse(ctx.alloc());
        try {
            Http2Headers headers = new DefaultHttp2Headers().status(response.status().codeAsText());
            Iterator<Map.Entry<CharSequence, CharSequence>> fields = response.headers().iteratorCharSequence();
            while (fields.hasNext()) {
                Map.Entry<CharSequence, CharSequence> field = fields.next();
                AsciiString name = AsciiString.of(field.getKey()).toLowerCase();
                if (!NOT_COPIED.contains(name)) {
                    headers.add(name, field.getValue());
                }
            }
            return headers;
        } finally {
            response.release();
        }
    }

    private static String schemeOf(ChannelHandlerContext ctx) {
        return ctx.channel().parent().pipeline().get(SslHandler.class) != null ? "https" : "http";
    }
}
