package io.github.wsline.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The opening handshake as a browser performs it (RFC 6455 §4.1), on bytes: the upgrade request to send, and the
 * server's answer read back with Netty's {@link HttpResponseDecoder}. The accept key is computed here, independently
 * of the handshake module, so that a test of the server does not trust the server.
 */
final class HandshakeExchange {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom KEYS = new SecureRandom();

    private String key;
    private int status = -1;
    private HttpHeaders headers = new DefaultHttpHeaders();
    private final StringBuilder body = new StringBuilder();
    /** Bytes the server sent behind its response: the first frames. */
    final List<ByteBuf> leftover = new ArrayList<>();

    /**
     * The upgrade request a browser sends for {@code uri}, with the extra headers after its own. An extra header
     * named as one of the browser's ({@code "Sec-WebSocket-Version: 8"}) takes its place, so that a test can send a
     * request a browser never would; the accept the response must carry is computed from the key sent.
     */
    byte[] request(String uri, String... extraHeaders) {
        byte[] nonce = new byte[16];
        KEYS.nextBytes(nonce);
        Map<String, String> browserHeaders = new LinkedHashMap<>();
        for (String header : new String[] {"Host: localhost", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce), "Sec-WebSocket-Version: 13"}) {
            browserHeaders.put(nameOf(header), header);
        }
        List<String> added = new ArrayList<>();
        for (String header : extraHeaders) {
            if (browserHeaders.containsKey(nameOf(header))) {
                browserHeaders.put(nameOf(header), header);
            } else {
                added.add(header);
            }
        }
        String keyHeader = browserHeaders.get("sec-websocket-key");
        key = keyHeader.substring(keyHeader.indexOf(':') + 1).trim();
        StringBuilder request = new StringBuilder("GET ").append(uri).append(" HTTP/1.1\r\n");
        for (String header : browserHeaders.values()) {
            request.append(header).append("\r\n");
        }
        for (String header : added) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String nameOf(String header) {
        int colon = header.indexOf(':');
        return (colon < 0 ? header : header.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Reads the server's response out of what it wrote; true when a whole response was there. */
    boolean readResponse(List<ByteBuf> written) {
        EmbeddedChannel http = new EmbeddedChannel(new HttpResponseDecoder());
        try {
            for (ByteBuf bytes : written) {
                http.writeInbound(bytes);
            }
            for (Object msg; (msg = http.readInbound()) != null; ) {
                if (msg instanceof HttpResponse) {
                    status = ((HttpResponse) msg).status().code();
                    headers = ((HttpResponse) msg).headers().copy();
                }
                if (msg instanceof HttpContent) {
                    body.append(((HttpContent) msg).content().toString(StandardCharsets.UTF_8));
                    ((HttpContent) msg).release();
                } else if (msg instanceof ByteBuf) {
                    leftover.add((ByteBuf) msg);
                }
            }
        } finally {
            http.finishAndReleaseAll();
        }
        return status != -1;
    }

    int status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    String body() {
        return body.toString();
    }

    /** Why the response is not a valid 101 for our key (RFC 6455 §4.1, the client's checks), or null if it is. */
    String problem() {
        if (status != 101) {
            return "Expected 101 Switching Protocols, got " + status + (body.length() > 0 ? ": " + body.toString().trim() : "");
        }
        if (!"websocket".equalsIgnoreCase(headers.get("Upgrade"))) {
            return "101 without \"Upgrade: websocket\": " + headers.get("Upgrade");
        }
        if (!headers.containsValue("Connection", "Upgrade", true)) {
            return "101 without \"Connection: Upgrade\": " + headers.get("Connection");
        }
        if (!acceptFor(key).equals(headers.get("Sec-WebSocket-Accept"))) {
            return "Wrong Sec-WebSocket-Accept " + headers.get("Sec-WebSocket-Accept") + ", expected " + acceptFor(key);
        }
        return null;
    }

    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-1", e);
        }
    }
}
