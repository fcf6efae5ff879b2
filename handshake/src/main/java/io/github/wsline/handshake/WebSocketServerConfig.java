package io.github.wsline.handshake;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.internal.Checks;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything the server side of the handshake can be told, as one immutable value shared by all connections: the
 * WebSocket paths and what each installs, origin policy, subprotocols, extensions, limits, timeout, and the codec's
 * {@link WebSocketConfig}. The defaults are safe for a server on the internet.
 *
 * <pre>{@code
 * WebSocketServerConfig config = WebSocketServerConfig.builder()
 *         .route("/chat", ChatHandler::new)
 *         .route("/echo", EchoHandler::new)
 *         .allowedOrigins("https://chat.example.com")
 *         .build();
 * }</pre>
 */
public final class WebSocketServerConfig {
    /** Default longest request line: 4 KiB, as Netty's; longer is refused with 400. */
    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 4096;
    /** Default largest header block: 8 KiB, as Netty's and common servers'; larger is refused with 431. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 8192;
    /** Default time a new connection has to complete a handshake: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final List<Route> routes;
    private final WebSocketConfig codec;
    private final OriginPolicy originPolicy;
    private final List<String> subprotocols;
    private final List<WebSocketExtensionNegotiator> extensions;
    private final WebSocketRequestFilter requestFilter;
    private final int maxRequestLineLength;
    private final int maxHeaderSize;
    private final Duration handshakeTimeout;

    private WebSocketServerConfig(Builder b) {
        // Longest first, so that a more specific prefix wins; exact routes are tried before any prefix.
        this.routes = b.routes.stream()
                .sorted(Comparator.comparing(Route::prefix).thenComparing(r -> -r.path().length()))
                .toList();
        this.codec = b.codec.toBuilder().role(WebSocketConfig.Role.SERVER).build();
        this.originPolicy = new OriginPolicy(b.allowedOrigins);
        this.subprotocols = List.copyOf(b.subprotocols);
        this.extensions = List.copyOf(b.extensions);
        this.requestFilter = b.requestFilter;
        this.maxRequestLineLength = b.maxRequestLineLength;
        this.maxHeaderSize = b.maxHeaderSize;
        this.handshakeTimeout = b.handshakeTimeout;
    }

    /**
     * {@return a builder holding the defaults} Routes are required; everything else has a default safe for a server
     * on the internet.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a new {@link HttpServerCodec} enforcing {@link #maxRequestLineLength()} and {@link #maxHeaderSize()}}
     * Put it right before the {@link WebSocketUpgradeHandler}, which answers its failures with 400 and 431.
     */
    public HttpServerCodec newHttpServerCodec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxRequestLineLength)
                .setMaxHeaderSize(maxHeaderSize));
    }

    /** {@return the codec's configuration for every connection} Its role is {@link WebSocketConfig.Role#SERVER}. */
    public WebSocketConfig codec() {
        return codec;
    }

    /**
     * {@return the subprotocols the server speaks, in its order of preference (RFC 6455 §4.2.2 item 5.4)} Default
     * none.
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** {@return the extensions the server can agree to, in the order they apply} Default none. */
    public List<WebSocketExtensionNegotiator> extensions() {
        return extensions;
    }

    /**
     * {@return the filter that decides, after the protocol checks, whether the application accepts a handshake}
     * Default {@link WebSocketRequestFilter#ACCEPT_ALL}.
     */
    public WebSocketRequestFilter requestFilter() {
        return requestFilter;
    }

    /** {@return the longest request line, in bytes} Default {@value #DEFAULT_MAX_REQUEST_LINE_LENGTH}. */
    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    /** {@return the largest block of request headers, in bytes} Default {@value #DEFAULT_MAX_HEADER_SIZE}. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /**
     * {@return how long a new connection may take to complete a handshake before it is closed} This bounds what idle
     * and half-sent requests cost (slowloris). The clock stops at the upgrade, or when a request is handed to the
     * application's HTTP handlers: from then on the connection is theirs. Default 10 seconds.
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The route for a request path as sent, or null when the request is not for a WebSocket path. */
    Route route(String rawPath) {
        for (Route route : routes) {
            if (route.matches(rawPath)) {
                return route;
            }
        }
        return null;
    }

    OriginPolicy originPolicy() {
        return originPolicy;
    }

    /** Builds a {@link WebSocketServerConfig}; every setter checks its argument at once. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private WebSocketConfig codec = WebSocketConfig.builder().build();
        private Set<String> allowedOrigins = Set.of();
        private List<String> subprotocols = List.of();
        private List<WebSocketExtensionNegotiator> extensions = List.of();
        private WebSocketRequestFilter requestFilter = WebSocketRequestFilter.ACCEPT_ALL;
        private int maxRequestLineLength = DEFAULT_MAX_REQUEST_LINE_LENGTH;
        private int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

        private Builder() {
        }

        /**
         * Serves WebSocket on exactly {@code path} (as sent, e.g. {@code /chat}). For each connection, the supplier's
         * new handler is installed behind the codec; it reads and writes websocketx frames, and first receives a
         * {@link WebSocketHandshakeCompleted} user event. A {@code ChannelInitializer} installs several handlers.
         *
         * @param path        the path as sent, starting with {@code /}; compared before percent-decoding, so that
         *                    {@code %2F} cannot pose as a segment
         * @param application makes the handler for each connection
         * @return this builder
         * @throws IllegalArgumentException if {@code path} does not start with {@code /}, or has a route already
         */
        public Builder route(String path, Supplier<? extends ChannelHandler> application) {
            return add(new Route(path, false, Checks.notNull("application", application)));
        }

        /**
         * Like {@link #route}, for {@code pathPrefix} and every path below it: {@code /rooms} serves
         * {@code /rooms/42}, not {@code /roomsx}.
         *
         * @param pathPrefix  the path as sent, starting with {@code /}
         * @param application makes the handler for each connection
         * @return this builder
         * @throws IllegalArgumentException if {@code pathPrefix} does not start with {@code /}, or has a prefix route
         *                                  already
         */
        public Builder prefixRoute(String pathPrefix, Supplier<? extends ChannelHandler> application) {
            return add(new Route(pathPrefix, true, Checks.notNull("application", application)));
        }

        /**
         * Serves WebSocket on exactly {@code path}, with the handlers already in the pipeline behind the
         * {@link WebSocketUpgradeHandler}: the codec goes in front of them, and they first receive a
         * {@link WebSocketHandshakeCompleted} user event. For pipelines built whole in the {@code ChannelInitializer},
         * as Netty's {@code WebSocketServerProtocolHandler} users build them; such handlers also receive the requests
         * for other paths.
         *
         * @param path the path as sent, starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException if {@code path} does not start with {@code /}, or has a route already
         */
        public Builder route(String path) {
            return add(new Route(path, false, null));
        }

        /**
         * Like {@link #route(String)}, for {@code pathPrefix} and every path below it.
         *
         * @param pathPrefix the path as sent, starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException if {@code pathPrefix} does not start with {@code /}, or has a prefix route
         *                                  already
         */
        public Builder prefixRoute(String pathPrefix) {
            return add(new Route(pathPrefix, true, null));
        }

        /**
         * The codec's configuration for every connection: frame and message limits, keepalive, close timeout.
         * Default {@code WebSocketConfig.builder().build()}.
         *
         * @param codec the configuration; its role is set to server, whatever it says
         * @return this builder
         */
        public Builder codec(WebSocketConfig codec) {
            this.codec = Checks.notNull("codec", codec);
            return this;
        }

        /**
         * Origins ({@code scheme://host[:port]}) whose pages may connect, besides same-origin pages and clients that
         * send no {@code Origin}; {@code "*"} allows any. A refused origin gets 403. Default none: only same-origin
         * pages and non-browser clients, because browsers attach a user's cookies to WebSocket requests from any
         * site, and the same-origin policy does not apply to WebSocket (RFC 6455 §10.2).
         *
         * @param origins the allowed origins, e.g. {@code https://chat.example.com}, or {@code "*"}
         * @return this builder
         */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = Set.copyOf(Arrays.asList(origins));
            return this;
        }

        /**
         * Subprotocols the server speaks, most preferred first; the first one of them that the client offered is
         * chosen (RFC 6455 §4.2.2). Default none.
         *
         * @param subprotocols the names, most preferred first
         * @return this builder
         */
        public Builder subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return this;
        }

        /**
         * Extensions the server can agree to (RFC 6455 §9.1), such as {@link PerMessageDeflateNegotiator}. Default
         * none.
         *
         * @param extensions the negotiators, in the order their extensions apply to data
         * @return this builder
         */
        public Builder extensions(WebSocketExtensionNegotiator... extensions) {
            this.extensions = List.of(extensions);
            return this;
        }

        /**
         * The application's say on each handshake that passed the protocol checks: authentication, authorisation.
         * Default {@link WebSocketRequestFilter#ACCEPT_ALL}.
         *
         * @param filter runs on the event loop before the 101 is written, and must not block
         * @return this builder
         */
        public Builder requestFilter(WebSocketRequestFilter filter) {
            this.requestFilter = Checks.notNull("requestFilter", filter);
            return this;
        }

        /**
         * The longest request line; a longer one is answered 400. Default
         * {@value #DEFAULT_MAX_REQUEST_LINE_LENGTH}.
         *
         * @param bytes a positive length
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public Builder maxRequestLineLength(int bytes) {
            this.maxRequestLineLength = Checks.positive("maxRequestLineLength", bytes);
            return this;
        }

        /**
         * The largest block of request headers; a larger one is answered 431. Default
         * {@value #DEFAULT_MAX_HEADER_SIZE}.
         *
         * @param bytes a positive size
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public Builder maxHeaderSize(int bytes) {
            this.maxHeaderSize = Checks.positive("maxHeaderSize", bytes);
            return this;
        }

        /**
         * How long a new connection may take to complete a handshake before it is closed. Default 10 seconds
         * ({@link #DEFAULT_HANDSHAKE_TIMEOUT}).
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Checks.positive("handshakeTimeout", timeout);
            return this;
        }

        /**
         * {@return a configuration with this builder's settings}
         *
         * @throws IllegalStateException if no route was given: such a server would never upgrade
         */
        public WebSocketServerConfig build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("At least one route is required.");
            }
            return new WebSocketServerConfig(this);
        }

        private Builder add(Route route) {
            for (Route existing : routes) {
                if (existing.path().equals(route.path()) && existing.prefix() == route.prefix()) {
                    throw new IllegalArgumentException("Duplicate route: " + route.path());
                }
            }
            routes.add(route);
            return this;
        }
    }
}
