package io.github.wsline.handshake;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.internal.Checks;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Everything the client side of the handshake can be told, as one immutable value: where to connect, what to offer,
 * extra request headers, the timeout, and the codec's {@link WebSocketConfig}.
 *
 * <pre>{@code
 * WebSocketClientConfig config = WebSocketClientConfig.builder(URI.create("ws://localhost:8080/chat"))
 *         .subprotocols("chat.v1")
 *         .header("Authorization", "Bearer " + token)
 *         .build();
 * }</pre>
 */
public final class WebSocketClientConfig {
    /** Default time to wait for the server's 101 after connecting: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final WebSocketConfig codec;
    private final List<String> subprotocols;
    private final List<WebSocketClientExtensionNegotiator> extensions;
    private final HttpHeaders headers;
    private final Duration handshakeTimeout;

    private WebSocketClientConfig(Builder b) {
        this.uri = b.uri;
        this.codec = b.codec.toBuilder().role(WebSocketConfig.Role.CLIENT).build();
        this.subprotocols = List.copyOf(b.subprotocols);
        this.extensions = List.copyOf(b.extensions);
        this.headers = b.headers.copy();
        this.handshakeTimeout = b.handshakeTimeout;
    }

    /**
     * {@return a builder for connecting to {@code uri}, with the defaults} For wss, add an {@code SslHandler} in front
     * of the HTTP codec.
     *
     * @param uri a {@code ws://} or {@code wss://} URI with a host and no fragment (RFC 6455 §3)
     * @throws IllegalArgumentException if {@code uri} is not such a URI
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** {@return the WebSocket URI} Its host, port, path and query make the request line and the {@code Host} header. */
    public URI uri() {
        return uri;
    }

    /** {@return the port to connect to: the URI's, else 80 for ws and 443 for wss (RFC 6455 §3)} */
    public int port() {
        return uri.getPort() != -1 ? uri.getPort() : isSecure() ? 443 : 80;
    }

    /** {@return whether the URI is {@code wss://}, which needs TLS under the handshake} */
    public boolean isSecure() {
        return "wss".equals(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    /** {@return the codec's configuration} Its role is {@link WebSocketConfig.Role#CLIENT}. */
    public WebSocketConfig codec() {
        return codec;
    }

    /** {@return the subprotocols offered, most preferred first (RFC 6455 §4.1 item 10)} Default none. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** {@return the extensions offered, in the order they should apply} Default none. */
    public List<WebSocketClientExtensionNegotiator> extensions() {
        return extensions;
    }

    /**
     * {@return a copy of the extra request headers, such as {@code Authorization}, {@code Cookie} or {@code Origin}}
     * Default none.
     */
    public HttpHeaders headers() {
        return headers.copy();
    }

    /**
     * {@return how long to wait for the server's 101 once connected} The handshake then fails. Default 10 seconds.
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Builds a {@link WebSocketClientConfig}; every setter checks its argument at once. */
    public static final class Builder {
        private final URI uri;
        private WebSocketConfig codec = WebSocketConfig.builder().build();
        private List<String> subprotocols = List.of();
        private List<WebSocketClientExtensionNegotiator> extensions = List.of();
        private final HttpHeaders headers = new DefaultHttpHeaders();
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

        private Builder(URI uri) {
            Checks.notNull("uri", uri);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new IllegalArgumentException("WebSocket URI must be ws:// or wss://: " + uri);
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("WebSocket URI has no host: " + uri);
            }
            // §3: "Fragment identifiers are meaningless in the context of WebSocket URIs"
            if (uri.getRawFragment() != null) {
                throw new IllegalArgumentException("WebSocket URI must not have a fragment: " + uri);
            }
            this.uri = uri;
        }

        /**
         * The codec's configuration: frame and message limits, keepalive, close timeout. Default
         * {@code WebSocketConfig.builder().build()}.
         *
         * @param codec the configuration; its role is set to client, whatever it says
         * @return this builder
         */
        public Builder codec(WebSocketConfig codec) {
            this.codec = Checks.notNull("codec", codec);
            return this;
        }

        /**
         * The subprotocols to offer in {@code Sec-WebSocket-Protocol} (RFC 6455 §4.1 item 10); the server picks one
         * or none. Default none.
         *
         * @param subprotocols the names, most preferred first
         * @return this builder
         */
        public Builder subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return this;
        }

        /**
         * The extensions to offer in {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1), such as
         * {@link PerMessageDeflateClientNegotiator}. Default none.
         *
         * @param extensions the negotiators, in the order their extensions should apply
         * @return this builder
         */
        public Builder extensions(WebSocketClientExtensionNegotiator... extensions) {
            this.extensions = List.of(extensions);
            return this;
        }

        /**
         * Adds a request header; the handshake's own headers cannot be overridden.
         *
         * @param name  the header's name, e.g. {@code Authorization}
         * @param value its value; added beside any earlier value of that name
         * @return this builder
         */
        public Builder header(CharSequence name, Object value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Adds every header of {@code headers}, as Netty's {@code customHeaders} do; the handshake's own headers
         * cannot be overridden.
         *
         * @param headers the headers to add beside any added before, e.g. {@code Cookie} and {@code Origin}
         * @return this builder
         */
        public Builder headers(HttpHeaders headers) {
            this.headers.add(Checks.notNull("headers", headers));
            return this;
        }

        /**
         * How long to wait for the server's 101 once connected; the handshake then fails. Default
         * 10 seconds ({@link #DEFAULT_HANDSHAKE_TIMEOUT}).
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Checks.positive("handshakeTimeout", timeout);
            return this;
        }

        /** {@return a configuration with this builder's settings} */
        public WebSocketClientConfig build() {
            return new WebSocketClientConfig(this);
        }
    }
}
