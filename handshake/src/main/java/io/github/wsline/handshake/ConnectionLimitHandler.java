package io.github.wsline.handshake;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the connections open at once, on the whole server and from each remote IP address ({@link ConnectionLimits}).
 * It goes right behind the HTTP codec, in front of the {@link WebSocketUpgradeHandler}; one instance is shared by all
 * of a server's connections, and added once to each pipeline:
 *
 * <pre>{@code
 * ConnectionLimitHandler limit = new ConnectionLimitHandler(ConnectionLimits.DEFAULTS); // one per server
 * ch.pipeline().addLast(config.newHttpServerCodec(), limit, new WebSocketUpgradeHandler(config), new PageHandler());
 * }</pre>
 *
 * A connection is counted when it becomes active and uncounted, once, when it becomes inactive; one within the
 * limits passes everything through untouched, WebSocket frames included after its upgrade. One over a limit is not
 * counted: its first HTTP request is answered {@code 503 Service Unavailable} with {@code Retry-After: 5} and
 * {@code Connection: close}, it and anything after it are dropped, and the connection is closed. Why 503: the only
 * place a WebSocket server can tell a client anything is the HTTP response to its handshake (RFC 6455 §4.2.1); a
 * connection refused or reset before it gives the client nothing to go on, and 503 with {@code Retry-After} says
 * "overloaded, come back later" to browsers, proxies and load balancers alike. The defaults,
 * {@value ConnectionLimits#DEFAULT_MAX_CONNECTIONS} connections and
 * {@value ConnectionLimits#DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} per address, keep one server's memory bounded and
 * one client from taking all of it, while leaving room for many users behind one NAT or proxy.
 */
@Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    /** Seconds a refused client is told to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final InternalLogger logger = InternalLoggerFactory.getInstance(ConnectionLimitHandler.class);
    private static final AttributeKey<Admission> ADMISSION =
            AttributeKey.valueOf(ConnectionLimitHandler.class, "admission");

    private final ConnectionLimits limits;
    private final AtomicInteger active = new AtomicInteger();
    /** Connections open per remote address; an address with none has no entry. */
    private final ConcurrentHashMap<Object, Integer> activeByAddress = new ConcurrentHashMap<>();

    /**
     * A handler that enforces {@code limits}; share the one instance among all of a server's pipelines, as the counts
     * live in it.
     *
     * @param limits the server-wide and per-address caps, e.g. {@link ConnectionLimits#DEFAULTS}
     */
    public ConnectionLimitHandler(ConnectionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** {@return the limits this handler enforces} */
    public ConnectionLimits limits() {
        return limits;
    }

    /** {@return the connections counted now: open and within the limits} */
    public int activeConnections() {
        return active.get();
    }

    /**
     * {@return the connections counted now from the IP address of {@code remoteAddress}}
     *
     * @param remoteAddress a client's address; its port does not matter
     */
    public int activeConnections(SocketAddress remoteAddress) {
        return activeByAddress.getOrDefault(addressKey(remoteAddress), 0);
    }

    /** The per-channel decision: admitted (counted under {@code address}) or refused. */
    private static final class Admission {
        final Object address; // null when refused
        boolean answered;

        Admission(Object address) {
            this.address = address;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            admit(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        admit(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Admission admission = ctx.channel().attr(ADMISSION).getAndSet(null);
        if (admission != null && admission.address != null) {
            release(admission.address);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Admission admission = ctx.channel().attr(ADMISSION).get();
        if (admission == null || admission.address != null) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (msg instanceof HttpRequest && !admission.answered) {
                admission.answered = true;
                HandshakeRefusal refusal = new HandshakeRefusal(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "Too many connections; try again later.")
                        .withHeader(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
                ctx.writeAndFlush(refusal.toResponse(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
            }
        } finally {
            ReferenceCountUtil.release(msg); // the request and its content: nothing behind sees them
        }
    }

    /** Counts the channel if it is within the limits, else marks it refused; once per channel. */
    private void admit(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(ADMISSION).get() != null) {
            return;
        }
        Object address = addressKey(ctx.channel().remoteAddress());
        boolean admitted = tryAcquire(address);
        ctx.channel().attr(ADMISSION).set(new Admission(admitted ? address : null));
        if (!admitted) {
            logger.debug("{} over the connection limits {}; refusing with 503", ctx.channel(), limits);
        }
    }

    private boolean tryAcquire(Object address) {
        if (active.incrementAndGet() > limits.maxConnections()) {
            active.decrementAndGet();
            return false;
        }
        boolean[] admitted = {false};
        activeByAddress.compute(address, (key, count) -> {
            int open = count == null ? 0 : count;
            if (open >= limits.maxConnectionsPerAddress()) {
                return count;
            }
            admitted[0] = true;
            return open + 1;
        });
        if (!admitted[0]) {
            active.decrementAndGet();
        }
        return admitted[0];
    }

    private void release(Object address) {
        activeByAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
        active.decrementAndGet();
    }

    /** The IP address of an internet socket address; any other kind (e.g. an embedded channel's) by its string. */
    private static Object addressKey(SocketAddress remoteAddress) {
        if (remoteAddress instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return String.valueOf(remoteAddress);
    }
}
