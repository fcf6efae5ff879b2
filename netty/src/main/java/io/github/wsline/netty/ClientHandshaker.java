package io.github.wsline.netty;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.handshake.ClientHandshake;
import io.github.wsline.handshake.WebSocketClientConfig;
import io.github.wsline.handshake.WebSocketClientExtensionNegotiator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Netty's {@link WebSocketClientHandshaker}, running wsline's handshake: the request and the checks on the 101 are
 * {@link ClientHandshake}'s, and the decoder that Netty's final {@code finishHandshake} puts behind the HTTP codec
 * installs wsline's codec. Netty's own steps stay as they are: its subprotocol check after {@link #verify}, the
 * removal of {@code HttpObjectAggregator} and {@code HttpContentDecompressor}, {@code close(...)} with its force-close
 * timer. A {@link WslineClientCompressionHandler} in the pipeline when {@link #handshake(Channel)} is called adds its
 * permessage-deflate offer.
 */
final class ClientHandshaker extends WebSocketClientHandshaker {
    /** The connection's settings but the extensions, which {@link #handshake(Channel)} finds in the pipeline. */
    private final WebSocketClientConfig.Builder config;
    private List<WebSocketClientExtensionNegotiator> offered = List.of();
    private ClientHandshake handshake;
    private ClientHandshake.Accepted accepted;

    /**
     * @throws WebSocketClientHandshakeException if {@code version} is not V13
     * @throws IllegalArgumentException          if {@code uri} is not a ws, wss, http or https URI with a host
     */
    ClientHandshaker(URI uri, WebSocketVersion version, String subprotocol, HttpHeaders customHeaders,
                     long forceCloseTimeoutMillis, boolean absoluteUpgradeUrl, boolean generateOriginHeader,
                     WebSocketConfig codec) {
        super(uri, requireV13(version), subprotocol, customHeaders, codec.maxFramePayloadLength(),
                forceCloseTimeoutMillis, absoluteUpgradeUrl, generateOriginHeader);
        this.config = WebSocketClientConfig.builder(webSocketUri(uri)).codec(codec);
        if (subprotocol != null && !subprotocol.isEmpty()) { // Netty's: names separated by commas
            config.subprotocols(Arrays.stream(subprotocol.split(",")).map(String::trim).toArray(String[]::new));
        }
        if (customHeaders != null) {
            config.headers(customHeaders);
        }
    }

    /** Netty takes http and https URLs for ws and wss (RFC 6455 §3 defines only the latter). */
    private static URI webSocketUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http" -> URI.create("ws" + uri.toString().substring(scheme.length()));
            case "https" -> URI.create("wss" + uri.toString().substring(scheme.length()));
            default -> uri;
        };
    }

    /** wsline speaks RFC 6455 only; the hixie-76 and hybi drafts 7 and 8 (2010-2011) are obsolete. */
    private static WebSocketVersion requireV13(WebSocketVersion version) {
        if (version != WebSocketVersion.V13) {
            throw new WebSocketClientHandshakeException("Protocol version " + version + " not supported.");
        }
        return version;
    }

    /** Netty's handshake, with the permessage-deflate offer of a {@link WslineClientCompressionHandler} if any. */
    @Override
    public ChannelFuture handshake(Channel channel) {
        WslineClientCompressionHandler compression = channel.pipeline().get(WslineClientCompressionHandler.class);
        offered = compression == null ? List.of() : List.of(compression.negotiator());
        return super.handshake(channel);
    }

    @Override
    protected FullHttpRequest newHandshakeRequest() {
        handshake = new ClientHandshake(
                config.extensions(offered.toArray(WebSocketClientExtensionNegotiator[]::new)).build());
        FullHttpRequest request = handshake.request();
        request.setUri(upgradeUrl(uri()));
        HttpHeaders headers = request.headers();
        if (customHeaders != null && customHeaders.contains(HttpHeaderNames.HOST)) { // a virtual host, as Netty allows
            headers.set(HttpHeaderNames.HOST, customHeaders.get(HttpHeaderNames.HOST));
        }
        if (generateOriginHeader && !headers.contains(HttpHeaderNames.ORIGIN)) {
            headers.set(HttpHeaderNames.ORIGIN, origin(uri()));
        }
        return request;
    }

    /** RFC 6454 §6.2: the origin of the page a browser would connect from, the port left out when it is the default. */
    private static String origin(URI uri) {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
        return (secure ? "https://" : "http://") + host + (defaultPort ? "" : ":" + port);
    }

    @Override
    protected void verify(FullHttpResponse response) {
        if (handshake == null) {
            throw new IllegalStateException("No handshake request was sent.");
        }
        accepted = handshake.validate(response);
    }

    @Override
    protected WebSocketFrameDecoder newWebsocketDecoder() {
        return new ClientCodecInstaller(accepted);
    }

    @Override
    protected WebSocketFrameEncoder newWebSocketEncoder() {
        return new ClientEncoderPlaceholder();
    }
}
