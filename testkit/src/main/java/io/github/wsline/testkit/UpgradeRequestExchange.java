package io.github.wsline.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opening handshake as a server sees it (RFC 6455 §4.2): the client's upgrade request read from bytes with
 * Netty's {@link HttpRequestDecoder}, checked against what §4.1 requires of a client, and the answer written as
 * bytes, independently of the handshake module.
 */
final class UpgradeRequestExchange {
    private HttpRequest request;
    /** Whether the client sent anything behind its request, before the server's answer. */
    private boolean sentEarly;

    /** Reads the request out of what the client wrote; true when a whole request head was there. */
    boolean readRequest(List<ByteBuf> written) {
        EmbeddedChannel http = new EmbeddedChannel(new HttpRequestDecoder());
        try {
            for (ByteBuf bytes : written) {
                http.writeInbound(bytes);
            }
            boolean requestEnded = false;
            for (Object msg; (msg = http.readInbound()) != null; ) {
                if (msg instanceof HttpRequest && request == null) {
                    HttpRequest head = (HttpRequest) msg;
                    request = new DefaultHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                            head.headers().copy());
                } else if (requestEnded) {
                    sentEarly = true;
                }
                requestEnded |= msg instanceof LastHttpContent;
                ReferenceCountUtil.release(msg);
            }
        } finally {
            http.finishAndReleaseAll();
        }
        return request != null;
    }

    HttpRequest request() {
        return request;
    }

    /** Why the request is not a client's valid opening handshake (RFC 6455 §4.1), or null if it is. */
    String problem() {
        if (sentEarly) {
            return "The client sent data behind its upgrade request, before the server's answer (RFC 6455 §4.1).";
        }
        if (!HttpMethod.GET.equals(request.method()) || !HttpVersion.HTTP_1_1.equals(request.protocolVersion())) {
            return "Expected a GET ... HTTP/1.1 upgrade request, got " + request.method() + " " + request.uri() + " "
                    + request.protocolVersion();
        }
        if (!request.headers().contains("Host")) {
            return "Upgrade request without a Host header.";
        }
        if (!request.headers().containsValue("Upgrade", "websocket", true)) {
            return "Upgrade request without \"Upgrade: websocket\": " + request.headers().get("Upgrade");
        }
        if (!request.headers().containsValue("Connection", "Upgrade", true)) {
            return "Upgrade request without \"Connection: Upgrade\": " + request.headers().get("Connection");
        }
        if (!"13".equals(request.headers().get("Sec-WebSocket-Version"))) {
            return "Upgrade request with Sec-WebSocket-Version " + request.headers().get("Sec-WebSocket-Version")
                    + ", expected 13.";
        }
        String key = request.headers().get("Sec-WebSocket-Key");
        if (key == null || decodedLength(key) != 16) {
            return "Upgrade request whose Sec-WebSocket-Key is not 16 random bytes in base64: " + key;
        }
        return null;
    }

    /** The 101 that accepts the request, with any extra headers ({@code "Name: value"}). */
    byte[] acceptance(String... headers) {
        StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ")
                .append(HandshakeExchange.acceptFor(request.headers().get("Sec-WebSocket-Key"))).append("\r\n");
        for (String header : headers) {
            response.append(header).append("\r\n");
        }
        return response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A refusal with this status and a one-line body. */
    static byte[] refusal(int status) {
        String body = "Refused by the test\n";
        return ("HTTP/1.1 " + status + " Refused\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int decodedLength(String key) {
        try {
            return Base64.getDecoder().decode(key).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
