package io.github.wsline.handshake;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handshake request as the application sees it: what a {@link WebSocketRequestFilter} decides on, and what
 * {@link WebSocketHandshakeCompleted} reports. Path and query parameters are percent-decoded.
 */
public final class WebSocketRequest {
    private final String uri;
    private final String path;
    private final Map<String, List<String>> queryParameters;
    private final HttpHeaders headers;
    private final Map<String, String> cookies;

    /** Throws {@link IllegalArgumentException} when the path or query is not valid percent-encoding. */
    WebSocketRequest(HttpRequest request) {
        QueryStringDecoder target = new QueryStringDecoder(request.uri());
        this.uri = request.uri();
        this.path = target.path();
        this.queryParameters = Collections.unmodifiableMap(target.parameters());
        this.headers = request.headers().copy();
        this.cookies = Collections.unmodifiableMap(cookiesOf(headers));
    }

    /** {@return the request target as sent, e.g. {@code /chat?room=lobby}} */
    public String uri() {
        return uri;
    }

    /** {@return the decoded path, e.g. {@code /chat}} */
    public String path() {
        return path;
    }

    /** {@return the decoded query parameters, each with its values in the order sent} */
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    /** {@return the request's headers: a copy taken when the request arrived} */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * {@return the cookies of the {@code Cookie} headers (RFC 6265 §5.4), name to value} The first of a name wins.
     */
    public Map<String, String> cookies() {
        return cookies;
    }

    @Override
    public String toString() {
        return "WebSocketRequest{uri=" + uri + '}';
    }

    private static Map<String, String> cookiesOf(HttpHeaders headers) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decodeAll(header)) {
                cookies.putIfAbsent(cookie.name(), cookie.value());
            }
        }
        return cookies;
    }
}
