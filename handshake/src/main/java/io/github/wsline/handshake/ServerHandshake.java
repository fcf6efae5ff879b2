package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeProtocol.CONNECTION;
import static io.github.wsline.handshake.HandshakeProtocol.CONNECTION_UPGRADE;
import static io.github.wsline.handshake.HandshakeProtocol.HOST;
import static io.github.wsline.handshake.HandshakeProtocol.KEY_LENGTH;
import static io.github.wsline.handshake.HandshakeProtocol.ORIGIN;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_ACCEPT;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_EXTENSIONS;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_KEY;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_ORIGIN;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_PROTOCOL;
import static io.github.wsline.handshake.HandshakeProtocol.SEC_WEBSOCKET_VERSION;
import static io.github.wsline.handshake.HandshakeProtocol.SUPPORTED_VERSIONS;
import static io.github.wsline.handshake.HandshakeProtocol.SUPPORTED_VERSIONS_VALUE;
import static io.github.wsline.handshake.HandshakeProtocol.UPGRADE;
import static io.github.wsline.handshake.HandshakeProtocol.VERSION_13;
import static io.github.wsline.handshake.HandshakeProtocol.WEBSOCKET;
import static io.github.wsline.handshake.HandshakeProtocol.acceptKey;
import static io.github.wsline.handshake.HandshakeProtocol.hasToken;
import static io.github.wsline.handshake.HandshakeProtocol.tokens;

import io.github.wsline.codec.WebSocketConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Decides on an opening handshake request: checks it as RFC 6455 §4.2.1 lists, in that order, applies the origin
 * policy and the application's filter, and negotiates subprotocol and extensions (§4.2.2). No I/O: it returns what
 * to answer, or throws the refusal.
 */
final class ServerHandshake {
    /**
     * An accepted handshake: the status (101, or 200 on HTTP/2) and headers to answer with, and what the switch to
     * WebSocket installs and announces. The route is null for a handshake decided by {@link WebSocketUpgrade}, whose
     * caller chose the path.
     */
    record Accepted(Route route, WebSocketConfig codec, List<NegotiatedExtension> extensions,
                    HttpResponseStatus status, HttpHeaders responseHeaders, WebSocketHandshakeCompleted event) {
        FullHttpResponse response() {
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.EMPTY_BUFFER, responseHeaders, EmptyHttpHeaders.INSTANCE);
        }
    }

    private final WebSocketServerConfig config;

    ServerHandshake(WebSocketServerConfig config) {
        this.config = config;
    }

    Accepted accept(HttpRequest request, Route route) throws HandshakeRefusal {
        HttpHeaders headers = request.headers();
        checkRequestLine(request);
        checkHeaders(headers);
        String key = checkKey(headers);
        String version = checkVersion(headers);
        checkOrigin(headers, version);
        HttpHeaders response = new DefaultHttpHeaders()
                .set(UPGRADE, WEBSOCKET)
                .set(CONNECTION, CONNECTION_UPGRADE)
                .set(SEC_WEBSOCKET_ACCEPT, acceptKey(key));
        return negotiate(request, route, HttpResponseStatus.SWITCHING_PROTOCOLS, response, false);
    }

    /**
     * RFC 8441 §5: a WebSocket over an HTTP/2 stream, asked for by an extended CONNECT whose pseudo-headers the
     * caller has checked and turned into {@code request} (the path as its URI, {@code :authority} as {@code Host}).
     * There is no key and no Upgrade: "the Sec-WebSocket-Key and Sec-WebSocket-Accept header fields are not used";
     * the version, origin, subprotocols and extensions are as on HTTP/1.1, and the answer is 200.
     */
    Accepted acceptExtendedConnect(HttpRequest request, Route route) throws HandshakeRefusal {
        HttpHeaders headers = request.headers();
        if (!headers.contains(HOST)) {
            throw badRequest("Missing :authority pseudo-header.");
        }
        String version = headers.get(SEC_WEBSOCKET_VERSION);
        if (version == null || !VERSION_13.equals(version.trim())) {
            // RFC 8441 §8: only version 13 is defined over HTTP/2; 426 and its Upgrade have no meaning there.
            throw badRequest("Unsupported WebSocket version.").withHeader(SEC_WEBSOCKET_VERSION, VERSION_13);
        }
        checkOrigin(headers, VERSION_13);
        return negotiate(request, route, HttpResponseStatus.OK, new DefaultHttpHeaders(), true);
    }

    /** What both handshakes share once the protocol checks pass: the filter, then §4.2.2 item 5's negotiation. */
    private Accepted negotiate(HttpRequest request, Route route, HttpResponseStatus status, HttpHeaders response,
                               boolean http2) throws HandshakeRefusal {
        HttpHeaders headers = request.headers();
        WebSocketRequest webSocketRequest = newWebSocketRequest(request);
        checkFilter(webSocketRequest);

        Optional<String> subprotocol = selectSubprotocol(tokens(headers, SEC_WEBSOCKET_PROTOCOL));
        List<NegotiatedExtension> extensions =
                negotiateExtensions(ExtensionHeaders.parse(headers.getAll(SEC_WEBSOCKET_EXTENSIONS)));
        List<WebSocketExtensionData> agreed = extensions.stream().map(NegotiatedExtension::agreed).toList();

        subprotocol.ifPresent(protocol -> response.set(SEC_WEBSOCKET_PROTOCOL, protocol));
        if (!agreed.isEmpty()) {
            response.set(SEC_WEBSOCKET_EXTENSIONS, ExtensionHeaders.format(agreed));
        }
        return new Accepted(route, codecFor(extensions), extensions, status, response,
                new WebSocketHandshakeCompleted(webSocketRequest, subprotocol, agreed, http2));
    }

    /** §4.2.1 item 1: "An HTTP/1.1 or higher GET request". */
    private static void checkRequestLine(HttpRequest request) throws HandshakeRefusal {
        if (!HttpMethod.GET.equals(request.method())) {
            throw new HandshakeRefusal(HttpResponseStatus.METHOD_NOT_ALLOWED, "WebSocket handshake must use GET.")
                    .withHeader(HttpHeaderNames.ALLOW, HttpMethod.GET);
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() < 1 || (version.majorVersion() == 1 && version.minorVersion() < 1)) {
            throw badRequest("WebSocket handshake needs HTTP/1.1 or later.");
        }
    }

    /** §4.2.1 items 2 to 4. */
    private static void checkHeaders(HttpHeaders headers) throws HandshakeRefusal {
        if (!headers.contains(HOST)) {
            throw badRequest("Missing Host header.");
        }
        if (!hasToken(headers, UPGRADE, WEBSOCKET)) {
            throw badRequest("Upgrade header must contain websocket.");
        }
        if (!hasToken(headers, CONNECTION, CONNECTION_UPGRADE)) {
            throw badRequest("Connection header must contain Upgrade.");
        }
    }

    /** §4.2.1 item 5: once, and base64 of 16 bytes (§4.1 item 7). */
    private static String checkKey(HttpHeaders headers) throws HandshakeRefusal {
        List<String> keys = headers.getAll(SEC_WEBSOCKET_KEY);
        if (keys.size() != 1) {
            throw badRequest(keys.isEmpty()
                    ? "Missing Sec-WebSocket-Key header."
                    : "More than one Sec-WebSocket-Key header.");
        }
        String key = keys.get(0).trim();
        try {
            if (Base64.getDecoder().decode(key).length == KEY_LENGTH) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below, as a key of the wrong length is
        }
        throw badRequest("Sec-WebSocket-Key must be 16 bytes in base64.");
    }

    /** §4.2.1 item 6, §4.4: any other version is answered 426 with the versions spoken here. */
    private static String checkVersion(HttpHeaders headers) throws HandshakeRefusal {
        String version = headers.get(SEC_WEBSOCKET_VERSION);
        if (version == null || !SUPPORTED_VERSIONS.contains(version.trim())) {
            throw new HandshakeRefusal(HttpResponseStatus.UPGRADE_REQUIRED, "Unsupported WebSocket version.")
                    .withHeader(SEC_WEBSOCKET_VERSION, SUPPORTED_VERSIONS_VALUE)
                    // RFC 9110 §15.5.22: a 426 names the protocol to upgrade to, and Connection lists "upgrade".
                    .withHeader(UPGRADE, WEBSOCKET)
                    .withHeader(CONNECTION, "Upgrade, close");
        }
        return version.trim();
    }

    /** §4.2.2 item 4; the drafts 7 and 8 sent {@code Sec-WebSocket-Origin} instead of {@code Origin}. */
    private void checkOrigin(HttpHeaders headers, String version) throws HandshakeRefusal {
        String origin = headers.get(ORIGIN);
        if (!VERSION_13.equals(version) && headers.contains(SEC_WEBSOCKET_ORIGIN)) {
            origin = headers.get(SEC_WEBSOCKET_ORIGIN);
        }
        if (!config.originPolicy().allows(origin, headers.get(HOST))) {
            throw new HandshakeRefusal(HttpResponseStatus.FORBIDDEN, "Origin not allowed.");
        }
    }

    private static WebSocketRequest newWebSocketRequest(HttpRequest request) throws HandshakeRefusal {
        try {
            return new WebSocketRequest(request);
        } catch (IllegalArgumentException badPercentEncoding) {
            throw badRequest("Malformed request target.");
        }
    }

    private void checkFilter(WebSocketRequest request) throws HandshakeRefusal {
        Optional<HttpResponseStatus> refusal = config.requestFilter().refusal(request);
        if (refusal.isPresent()) {
            HttpResponseStatus status = refusal.get();
            throw new HandshakeRefusal(status, status.reasonPhrase() + ".");
        }
    }

    /** §4.2.2 item 5.4: the server's most preferred protocol among the client's offers, or none. */
    private Optional<String> selectSubprotocol(List<String> offered) {
        return config.subprotocols().stream().filter(offered::contains).findFirst();
    }

    /** §9.1: each known extension decides on its offers; unknown offers are ignored, never echoed. */
    private List<NegotiatedExtension> negotiateExtensions(List<WebSocketExtensionData> offers) {
        List<NegotiatedExtension> accepted = new ArrayList<>();
        int rsvBitsTaken = 0;
        for (WebSocketExtensionNegotiator negotiator : config.extensions()) {
            List<WebSocketExtensionData> offersOfIt = offers.stream()
                    .filter(offer -> offer.name().equalsIgnoreCase(negotiator.name()))
                    .toList();
            if (offersOfIt.isEmpty()) {
                continue;
            }
            Optional<NegotiatedExtension> extension = negotiator.negotiate(offersOfIt);
            // §9: an RSV bit means one thing per connection; an extension wanting a taken bit is declined.
            if (extension.isPresent() && (extension.get().rsvBits() & rsvBitsTaken) == 0) {
                accepted.add(extension.get());
                rsvBitsTaken |= extension.get().rsvBits();
            }
        }
        return accepted;
    }

    private WebSocketConfig codecFor(List<NegotiatedExtension> extensions) {
        int rsvBits = extensions.stream().mapToInt(NegotiatedExtension::rsvBits).reduce(0, (a, b) -> a | b);
        return rsvBits == 0 ? config.codec() : config.codec().toBuilder().allowedRsvBits(rsvBits).build();
    }

    private static HandshakeRefusal badRequest(String reason) {
        return new HandshakeRefusal(HttpResponseStatus.BAD_REQUEST, reason);
    }
}
