package io.github.wsline.handshake;

import io.github.wsline.codec.WebSocketConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;

/**
 * One opening handshake request decided by a server's {@link WebSocketServerConfig}, for handlers that read the
 * request themselves instead of leaving it to a {@link WebSocketUpgradeHandler}: the wsline-netty module's drop-in
 * replacements for Netty's {@code WebSocketServerProtocolHandler} and handshakers are built on it. The checks,
 * refusals and negotiation are those of {@link WebSocketUpgradeHandler} (RFC 6455 §4.2); the routes are not
 * consulted, the caller having decided that the request is for WebSocket.
 *
 * <pre>{@code
 * WebSocketUpgrade upgrade = WebSocketUpgrade.decide(config, request);
 * ctx.writeAndFlush(upgrade.newResponse(ctx.alloc()));
 * if (upgrade.isAccepted()) {
 *     upgrade.switchProtocols(ctx.pipeline(), () -> ctx.fireUserEventTriggered(upgrade.completed()));
 * } else {
 *     ctx.close();
 * }
 * }</pre>
 */
public final class WebSocketUpgrade {
    private final ServerHandshake.Accepted accepted;
    private final HandshakeRefusal refusal;

    private WebSocketUpgrade(ServerHandshake.Accepted accepted, HandshakeRefusal refusal) {
        this.accepted = accepted;
        this.refusal = refusal;
    }

    /**
     * Decides on a handshake request. A request the HTTP decoder could not parse is refused as
     * {@link WebSocketUpgradeHandler} refuses it (400 or 431).
     *
     * @param config  the server's policies, subprotocols, extensions and codec configuration
     * @param request the request head; its content, if any, plays no part
     * @return the decision: accepted with what was agreed, or refused with a status and a reason
     * @throws RuntimeException what the config's request filter or extension negotiators throw
     */
    public static WebSocketUpgrade decide(WebSocketServerConfig config, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return new WebSocketUpgrade(null, HandshakeRefusal.ofDecoderFailure(request.decoderResult().cause()));
        }
        try {
            return new WebSocketUpgrade(new ServerHandshake(config).accept(request, null), null);
        } catch (HandshakeRefusal refused) {
            return new WebSocketUpgrade(null, refused);
        }
    }

    /**
     * Decides on an extended CONNECT (RFC 8441 §4-§5) that asks for a WebSocket on an HTTP/2 stream, as the
     * wsline-http2 module reads it: the route is looked up from the path as on HTTP/1.1, then the version (13 only),
     * origin, filter, subprotocols and extensions are decided as on HTTP/1.1. An accepted handshake is answered 200.
     *
     * @param config  the server's routes, policies, subprotocols, extensions and codec configuration
     * @param request the stream's request: method CONNECT, {@code :path} as URI, {@code :authority} as {@code Host},
     *                and the other header fields as sent
     * @return the decision: accepted with what was agreed, or refused (404 for a path without a route)
     * @throws RuntimeException what the config's request filter or extension negotiators throw
     */
    public static WebSocketUpgrade decideExtendedConnect(WebSocketServerConfig config, HttpRequest request) {
        Route route = config.route(new QueryStringDecoder(request.uri()).rawPath());
        if (route == null) {
            return new WebSocketUpgrade(null,
                    new HandshakeRefusal(HttpResponseStatus.NOT_FOUND, "No WebSocket route for this path."));
        }
        try {
            return new WebSocketUpgrade(new ServerHandshake(config).acceptExtendedConnect(request, route), null);
        } catch (HandshakeRefusal refused) {
            return new WebSocketUpgrade(null, refused);
        }
    }

    /** {@return whether the handshake is accepted} */
    public boolean isAccepted() {
        return accepted != null;
    }

    /**
     * {@return 101 Switching Protocols when accepted (200 for an extended CONNECT), else the refusal's status: 400,
     * 403, 405, 426...}
     */
    public HttpResponseStatus status() {
        return isAccepted() ? accepted.status() : refusal.status();
    }

    /** {@return why the handshake is refused, one sentence such as "Missing Host header."; empty when accepted} */
    public String reason() {
        return isAccepted() ? "" : refusal.getMessage();
    }

    /**
     * {@return the response to write: the 101 (or 200) with the agreed subprotocol and extensions, or the refusal with
     * its reason as a plain-text body and {@code Connection: close}} A new response on each call; the caller writes
     * it.
     *
     * @param alloc allocates the refusal's body
     */
    public FullHttpResponse newResponse(ByteBufAllocator alloc) {
        return isAccepted() ? accepted.response() : refusal.toResponse(alloc);
    }

    /**
     * {@return the event that describes the accepted handshake: request, subprotocol, extensions}
     *
     * @throws IllegalStateException if the handshake is refused
     */
    public WebSocketHandshakeCompleted completed() {
        return accepted().event();
    }

    /**
     * {@return the codec's configuration for this connection: the server config's, with the RSV bits of the agreed
     * extensions allowed}
     *
     * @throws IllegalStateException if the handshake is refused
     */
    public WebSocketConfig codec() {
        return accepted().codec();
    }

    /**
     * Switches the channel to WebSocket once the 101 is written: the codec (and the agreed extensions' handlers) go
     * right behind the HTTP codec, which is removed, any bytes it still holds going to the frame decoder. The
     * caller's handler stays where it is, and frames reach it through whatever handlers sit in between.
     *
     * @param pipeline the channel's pipeline, with an {@code HttpServerCodec}, or an {@code HttpRequestDecoder} and
     *                 an {@code HttpResponseEncoder}
     * @param announce runs once the HTTP encoder is gone and before the first frame is read: the moment to tell the
     *                 application
     * @throws IllegalStateException if the handshake is refused, or the pipeline has no HTTP server codec
     */
    public void switchProtocols(ChannelPipeline pipeline, Runnable announce) {
        ServerHandshake.Accepted upgrade = accepted();
        ProtocolSwitch.server(pipeline).toWebSocketBehindHttpCodec(upgrade.codec(), upgrade.extensions(), announce);
    }

    /**
     * Adds the codec (and the agreed extensions' handlers) behind the handler named {@code baseName}, for callers that
     * remove the HTTP codec themselves, as Netty's {@code WebSocketServerHandshaker} does once the 101 is written.
     *
     * @param pipeline the channel's pipeline
     * @param baseName the handler the codec goes behind
     * @throws IllegalStateException if the handshake is refused
     */
    public void installCodec(ChannelPipeline pipeline, String baseName) {
        ServerHandshake.Accepted upgrade = accepted();
        ProtocolSwitch.install(pipeline, baseName, upgrade.codec(), upgrade.extensions());
    }

    /**
     * {@return a new application handler from the route's supplier, or empty for a route without one or a handshake
     * decided without a route} Only {@link #decideExtendedConnect} looks a route up.
     *
     * @throws IllegalStateException if the handshake is refused
     */
    public Optional<ChannelHandler> newApplicationHandler() {
        Route route = accepted().route();
        return route == null ? Optional.empty() : route.newApplicationHandler();
    }

    @Override
    public String toString() {
        return "WebSocketUpgrade{" + status().code() + (isAccepted() ? "" : " " + reason()) + '}';
    }

    private ServerHandshake.Accepted accepted() {
        if (accepted == null) {
            throw new IllegalStateException("The handshake was refused: " + reason());
        }
        return accepted;
    }
}
