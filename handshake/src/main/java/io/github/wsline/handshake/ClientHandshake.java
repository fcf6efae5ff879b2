package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeProtocol.CONNECTION;
import static io.github.wsline.handshake.HandshakeProtocol.CONNECTION_UPGRADE;
import static io.github.wsline.handshake.HandshakeProtocol.HOST;
import static io.github.wsline.handshake.HandshakeProtocol.KEY_LENGTH;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_EXTENSIONS;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_KEY;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_PROTOCOL;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_VERSION;
import static io.github.wsline.handshake.HandshakeProtocol.UPGRADE;
import static io.github.wsline.handshake.HandshakeProtocol.VERSION_13;
import static io.github.wsline.handshake.HandshakeProtocol.WEBSOCKET;
import static io.github.wsline.handshake.HandshakeProtocol.acceptKey;
import static io.github.wsline.handshake.HandshakeProtocol.hasToken;

import io.github.wsline.codec.WebSocketConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client side of the opening handshake without I/O: the request with a fresh key (RFC 6455 §4.1), and the
 * checks the client must make on the server's answer. One instance per connection: the key is its own.
 * {@link WebSocketClientUpgradeHandler} does the I/O around it; a handler that must send and read the HTTP messages
 * itself (such as a Netty {@code WebSocketClientHandshaker}) uses it directly:
 * <pre>{@code
 * ClientHandshake handshake = new ClientHandshake(config);
 * channel.writeAndFlush(handshake.request());
 * // ... later, with the server's response:
 * ClientHandshake.Accepted accepted = handshake.validate(response);
 * pipeline.addAfter(httpCodecName, "ws", new WebSocketConnectionHandler(accepted.codec()));
 * accepted.extensions().forEach(extension -> extension.install(pipeline));
 * // then the HTTP codec leaves; its unread bytes (frames behind the 101) go on to the frame decoder
 * }</pre>
 */
public final class ClientHandshake {
    private static final SecureRandom KEYS = new SecureRandom();

    /**
     * A 101 that passed every check: what the switch to WebSocket installs.
     *
     * @param subprotocol the subprotocol the server chose, if any
     * @param extensions  the extensions agreed on, in the order they apply, to install once the codec is in place
     * @param codec       the codec's configuration, which accepts the RSV bits of those extensions
     */
    public record Accepted(Optional<String> subprotocol, List<NegotiatedExtension> extensions, WebSocketConfig codec) {
    }

    private final WebSocketClientConfig config;
    private final String key = newKey();

    /**
     * A handshake with a fresh key, for one connection.
     *
     * @param config where to connect, what to offer, and the codec's configuration
     */
    public ClientHandshake(WebSocketClientConfig config) {
        this.config = config;
    }

    /** §4.1 item 7: a nonce of 16 random bytes in base64, "selected randomly for each connection". */
    private static String newKey() {
        byte[] nonce = new byte[KEY_LENGTH];
        KEYS.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * {@return the upgrade request, RFC 6455 §4.1 items 1 to 12} The configured extra headers cannot override the
     * handshake's own. Each call returns a new request with the same key.
     */
    public FullHttpRequest request() {
        URI uri = config.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + '?' + uri.getRawQuery();
        FullHttpRequest request =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target, Unpooled.EMPTY_BUFFER);
        HttpHeaders headers = request.headers()
                .add(config.headers())
                .set(HOST, uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ':' + uri.getPort())
                .set(UPGRADE, WEBSOCKET)
                .set(CONNECTION, CONNECTION_UPGRADE)
                .set(SEC_WEBSOCKET_KEY, key)
                .set(SEC_WEBSOCKET_VERSION, VERSION_13);
        if (!config.subprotocols().isEmpty()) {
            headers.set(SEC_WEBSOCKET_PROTOCOL, String.join(", ", config.subprotocols()));
        }
        if (!config.extensions().isEmpty()) {
            headers.set(SEC_WEBSOCKET_EXTENSIONS, ExtensionHeaders.format(
                    config.extensions().stream().map(WebSocketClientExtensionNegotiator::offer).toList()));
        }
        return request;
    }

    /**
     * §4.1: "the client MUST validate the server's response", items 1 to 6.
     *
     * @param response the server's response head
     * @return what was agreed
     * @throws WebSocketClientHandshakeException on the first check that fails, saying which; it carries the response
     */
    public Accepted validate(HttpResponse response) {
        HttpHeaders headers = response.headers();
        if (!HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
            throw fail(response, "Expected 101 Switching Protocols, got " + response.status() + ".");
        }
        // §4.1: the handshake is HTTP/1.1 or later; HTTP/1.0 has no protocol switch (RFC 9110 §7.8)
        HttpVersion version = response.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() < 1) {
            throw fail(response, "Expected a 101 in HTTP/1.1, got one in " + version + ".");
        }
        // §4.1 items 2 and 4: each header holds exactly the one value; a second one is not that value
        String upgrade = onlyValue(response, "Upgrade");
        if (!WEBSOCKET.contentEqualsIgnoreCase(upgrade == null ? "" : upgrade.trim())) {
            throw fail(response, expected("Upgrade", WEBSOCKET, upgrade));
        }
        if (!hasToken(headers, CONNECTION, CONNECTION_UPGRADE)) {
            throw fail(response, expected("Connection", CONNECTION_UPGRADE, headers.get(CONNECTION)));
        }
        String accept = acceptKey(key);
        String actualAccept = onlyValue(response, "Sec-WebSocket-Accept");
        if (!accept.equals(actualAccept)) {
            throw fail(response, expected("Sec-WebSocket-Accept", accept, actualAccept));
        }
        List<NegotiatedExtension> extensions = acceptExtensions(response);
        return new Accepted(checkSubprotocol(response), extensions, codecFor(response, extensions));
    }

    /** §4.1 item 6: at most one subprotocol, and one that was offered. */
    private Optional<String> checkSubprotocol(HttpResponse response) {
        List<String> chosen = HandshakeProtocol.tokens(response.headers(), SEC_WEBSOCKET_PROTOCOL);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        if (chosen.size() > 1 || !config.subprotocols().contains(chosen.get(0))) {
            String protocols = String.join(", ", chosen);
            throw fail(response, "Server chose subprotocol '" + protocols + "', which was not offered.");
        }
        return Optional.of(chosen.get(0));
    }

    /** §4.1 item 5: only extensions that were offered, each once; the negotiator checks the parameters. */
    private List<NegotiatedExtension> acceptExtensions(HttpResponse response) {
        List<NegotiatedExtension> accepted = new ArrayList<>();
        Set<WebSocketClientExtensionNegotiator> used = new HashSet<>();
        List<WebSocketExtensionData> extensions;
        try {
            extensions = ExtensionHeaders.parseStrictly(response.headers().getAll(SEC_WEBSOCKET_EXTENSIONS));
        } catch (IllegalArgumentException malformed) {
            throw fail(response, "Malformed Sec-WebSocket-Extensions: " + malformed.getMessage());
        }
        for (WebSocketExtensionData extension : extensions) {
            WebSocketClientExtensionNegotiator negotiator = config.extensions().stream()
                    .filter(offered -> offered.offer().name().equalsIgnoreCase(extension.name()))
                    .findFirst()
                    .orElseThrow(() -> fail(response,
                            "Server accepted extension '" + extension.name() + "', which was not offered."));
            if (!used.add(negotiator)) {
                throw fail(response, "Server accepted extension '" + extension.name() + "' twice.");
            }
            try {
                accepted.add(negotiator.accept(extension));
            } catch (WebSocketHandshakeException refused) { // the negotiator's; the failure carries the response
                throw fail(response, refused.getMessage());
            }
        }
        return accepted;
    }

    private WebSocketConfig codecFor(HttpResponse response, List<NegotiatedExtension> extensions) {
        int rsvBits = 0;
        for (NegotiatedExtension extension : extensions) {
            if ((rsvBits & extension.rsvBits()) != 0) { // §9: an RSV bit means one thing per connection
                throw fail(response, "Server accepted extensions that share an RSV bit.");
            }
            rsvBits |= extension.rsvBits();
        }
        return rsvBits == 0 ? config.codec() : config.codec().toBuilder().allowedRsvBits(rsvBits).build();
    }

    /** The header's value, or null if it is absent; a header sent twice fails the handshake. */
    private static String onlyValue(HttpResponse response, String name) {
        List<String> values = response.headers().getAll(name);
        if (values.size() > 1) {
            throw fail(response, "Expected one " + name + " header in the 101, got " + values.size() + ".");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static String expected(String header, CharSequence value, String actual) {
        String got = actual == null ? "none" : "'" + actual + "'";
        return "Expected " + header + ": " + value + " in the 101, got " + got + ".";
    }

    private static WebSocketClientHandshakeException fail(HttpResponse response, String message) {
        return new WebSocketClientHandshakeException(message, response);
    }
}
