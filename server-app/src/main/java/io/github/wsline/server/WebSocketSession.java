package io.github.wsline.server;

import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.handshake.WebSocketHandshakeCompleted;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.SocketAddress;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's WebSocket session, from its handshake to the end of the connection: what it sent and received
 * (told by its {@link FrameMeter} and {@link WireMeter}), how it closed, and who closed first. It logs each close the
 * server starts, at INFO (rate limit, oversized message, idle or ping timeout, slow consumer) or at DEBUG (protocol
 * violations, which the codec logs too, and the shutdown's Close 1001, which the server logs once for all), and an
 * access-log line at DEBUG when the connection ends. One per connection, on its event loop: plain fields, no locks.
 */
final class WebSocketSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);
    static final String FRAME_METER_NAME = "wsline-server-frame-meter";

    /** Who sent the first Close frame; NONE when the connection ended without one. */
    enum ClosedBy { SERVER, CLIENT, NONE }

    private final ServerMetrics metrics;
    private EndpointMetrics endpoint;
    private SocketAddress remoteAddress;
    private long startNanos;
    private SessionTraffic in;
    private SessionTraffic out;
    private ClosedBy closedBy = ClosedBy.NONE;
    /** RFC 6455 §7.1.5: 1006 when the connection ends without a Close frame; 1005 for a Close without a code. */
    private int closeCode = 1006;

    WebSocketSession(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketHandshakeCompleted handshake && endpoint == null) {
            begin(ctx, handshake.request().path());
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Counts the session, and puts its frame meter right in front of the codec, behind any compression. */
    private void begin(ChannelHandlerContext ctx, String path) {
        endpoint = metrics.endpoint(path);
        endpoint.open.incrementAndGet();
        in = new SessionTraffic(endpoint.in);
        out = new SessionTraffic(endpoint.out);
        remoteAddress = ctx.channel().remoteAddress();
        startNanos = System.nanoTime();
        String codec = ctx.pipeline().context(WebSocketConnectionHandler.class).name();
        ctx.pipeline().addBefore(codec, FRAME_METER_NAME, new FrameMeter(this));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (endpoint != null) {
            end();
        }
        ctx.fireChannelInactive();
    }

    private void end() {
        endpoint.open.decrementAndGet();
        String closer = closedBy.name().toLowerCase(Locale.ROOT);
        metrics.close(endpoint.path, closeCode, closer);
        LOG.debug("{} {} session ended: duration_ms={} in: {} out: {} close_code={} closed_by={}", remoteAddress,
                endpoint.path, (System.nanoTime() - startNanos) / 1_000_000, in, out, closeCode, closer);
    }

    /** What the client sent; null before the handshake. */
    SessionTraffic in() {
        return in;
    }

    /** What the server sent; null before the handshake. */
    SessionTraffic out() {
        return out;
    }

    void closeReceived(int code) {
        if (closedBy == ClosedBy.NONE) {
            closedBy = ClosedBy.CLIENT;
            closeCode = code == -1 ? 1005 : code;
        }
    }

    void closeSent(int code, String reason) {
        if (closedBy != ClosedBy.NONE) {
            return; // the echo of the client's Close
        }
        closedBy = ClosedBy.SERVER;
        closeCode = code;
        if (isRoutine(code, reason)) {
            LOG.debug("{} {} closed by the server: {} {}", remoteAddress, endpoint.path, code, reason);
        } else {
            LOG.info("{} {} closed by the server: {} {}", remoteAddress, endpoint.path, code, reason);
        }
    }

    /**
     * A protocol violation (1002, 1007: a broken client, which the codec logs at DEBUG) or the shutdown's Close,
     * logged once for all connections: not worth a line each at INFO.
     */
    private static boolean isRoutine(int code, String reason) {
        WebSocketCloseStatus shutdown = ChatServer.SHUTTING_DOWN;
        return code == WebSocketCloseStatus.PROTOCOL_ERROR.code()
                || code == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code()
                || (code == shutdown.code() && shutdown.reasonText().equals(reason));
    }
}
