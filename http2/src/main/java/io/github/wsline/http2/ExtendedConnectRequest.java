package io.github.wsline.http2;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Headers.PseudoHeaderName;
import io.netty.util.AsciiString;
import java.util.Map;

/**
 * The pseudo-header rules of an extended CONNECT (RFC 8441 §4), and the request the handshake then decides on: the
 * method CONNECT, {@code :path} as the URI, {@code :authority} as {@code Host}, the other header fields as sent. What
 * HTTP/2 calls a malformed request is a {@link Malformed}, answered with a stream error; a well-formed request that
 * cannot be served is a {@link Refused}, answered with a status.
 */
final class ExtendedConnectRequest {
    static final AsciiString WEBSOCKET = AsciiString.cached("websocket");

    /** RFC 9113 §8.1.1: "Malformed requests or responses that are detected MUST be treated as a stream error". */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason, null, false, false); // control flow, not a failure: no stack trace
        }
    }

    /** A request this server does not serve, and the status that says so. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient HttpResponseStatus status;

        Refused(HttpResponseStatus status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        HttpResponseStatus status() {
            return status;
        }
    }

    private ExtendedConnectRequest() {
    }

    /** Whether the request carries {@code :protocol}: an extended CONNECT, or a malformed request. */
    static boolean hasProtocol(Http2Headers headers) {
        return headers.contains(PseudoHeaderName.PROTOCOL.value());
    }

    /**
     * Checks an extended CONNECT's pseudo-headers and returns the request they describe.
     *
     * @param connectProtocolEnabled whether this server sent {@code SETTINGS_ENABLE_CONNECT_PROTOCOL = 1}
     * @param scheme                 the connection's scheme: {@code https} under TLS, else {@code http}
     */
    static HttpRequest of(Http2Headers headers, boolean connectProtocolEnabled, String scheme)
            throws Malformed, Refused {
        if (!HttpMethod.CONNECT.asciiName().contentEquals(headers.method())) {
            throw new Malformed(":protocol on a request that is not a CONNECT."); // §4
        }
        if (!connectProtocolEnabled) {
            // §3: without the setting, a peer "would detect a malformed request and generate a stream error"
            throw new Malformed("Extended CONNECT without SETTINGS_ENABLE_CONNECT_PROTOCOL.");
        }
        // §4: "the :scheme and :path pseudo-header fields of the target URI MUST also be included"; :authority as
        // for any CONNECT (RFC 9113 §8.5)
        CharSequence path = headers.path();
        if (headers.scheme() == null || path == null || headers.authority() == null) {
            throw new Malformed("Extended CONNECT without :scheme, :path or :authority.");
        }
        if (!WEBSOCKET.contentEqualsIgnoreCase(headers.get(PseudoHeaderName.PROTOCOL.value()))) {
            throw new Refused(HttpResponseStatus.NOT_IMPLEMENTED, "Only the websocket protocol is served.");
        }
        if (!AsciiString.contentEqualsIgnoreCase(scheme, headers.scheme())) {
            throw new Refused(HttpResponseStatus.BAD_REQUEST, ":scheme must be " + scheme + " on this connection.");
        }
        if (path.length() == 0 || path.charAt(0) != '/') {
            throw new Refused(HttpResponseStatus.BAD_REQUEST, ":path must start with /.");
        }
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, path.toString());
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            if (!PseudoHeaderName.hasPseudoHeaderFormat(header.getKey())) {
                request.headers().add(header.getKey(), header.getValue());
            }
        }
        request.headers().set(HttpHeaderNames.HOST, headers.authority());
        return request;
    }
}
