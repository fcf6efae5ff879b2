package io.github.wsline.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * A handshake the server will not accept: the status, a short plain-text reason, and any headers the status calls
 * for. RFC 6455 §4.2.1: the server "MUST stop processing the client's handshake and return an HTTP response with an
 * appropriate error code". The connection is closed after the response.
 */
final class HandshakeRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final HttpResponseStatus status;
    private final transient HttpHeaders headers = new DefaultHttpHeaders();

    HandshakeRefusal(HttpResponseStatus status, String reason) {
        super(reason, null, false, false); // control flow, not a failure: no stack trace
        this.status = status;
    }

    /** A request the HTTP decoder could not parse; its path is unknown, so no route can take it. */
    static HandshakeRefusal ofDecoderFailure(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new HandshakeRefusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "Request headers are too large.");
        }
        if (cause instanceof TooLongHttpLineException) {
            return new HandshakeRefusal(HttpResponseStatus.BAD_REQUEST, "Request line is too long.");
        }
        return new HandshakeRefusal(HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request.");
    }

    HandshakeRefusal withHeader(CharSequence name, Object value) {
        headers.add(name, value);
        return this;
    }

    HttpResponseStatus status() {
        return status;
    }

    FullHttpResponse toResponse(ByteBufAllocator alloc) {
        ByteBuf body = ByteBufUtil.writeUtf8(alloc, getMessage() + "\n");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .add(headers)
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (!response.headers().contains(HttpHeaderNames.CONNECTION)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
