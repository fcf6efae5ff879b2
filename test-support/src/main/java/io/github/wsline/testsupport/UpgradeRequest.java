package io.github.wsline.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The opening handshake's request as a browser sends it (RFC 6455 §4.1), as text: {@code GET} with the target, then
 * {@code Host}, {@code Upgrade: websocket}, {@code Connection: Upgrade}, the key, version 13 and any extra header
 * lines. A test that needs a broken request edits the text ({@code .replace("HTTP/1.1", "HTTP/1.0")}).
 *
 * <pre>{@code
 * UpgradeRequest.to("/chat?room=lobby").headers("Origin: https://example.com").toString()
 * }</pre>
 */
public final class UpgradeRequest {
    /** RFC 6455 §1.3's example key; {@link UpgradeResponse#RFC_ACCEPT} is the accept value it gives. */
    public static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final SecureRandom NONCES = new SecureRandom();

    private final String target;
    private String host = "server.example.com";
    private String key = RFC_KEY;
    private final List<String> headers = new ArrayList<>();

    private UpgradeRequest(String target) {
        this.target = target;
    }

    /** A request for {@code target} (path and query) to {@code server.example.com} with {@link #RFC_KEY}. */
    public static UpgradeRequest to(String target) {
        return new UpgradeRequest(target);
    }

    /** A fresh key, as §4.1 wants one per connection: 16 random bytes in base64. */
    public static String randomKey() {
        byte[] nonce = new byte[16];
        NONCES.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The {@code Host} header's value, e.g. {@code 127.0.0.1:8080}. */
    public UpgradeRequest host(String host) {
        this.host = host;
        return this;
    }

    public UpgradeRequest key(String key) {
        this.key = key;
        return this;
    }

    /** Adds header lines, each as it is sent: {@code "Origin: https://example.com"}. */
    public UpgradeRequest headers(String... lines) {
        headers.addAll(List.of(lines));
        return this;
    }

    /** The request's bytes: HTTP/1.1 headers are ISO-8859-1. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + headerLines()
                + "\r\n";
    }

    private String headerLines() {
        return headers.stream().map(line -> line + "\r\n").collect(Collectors.joining());
    }
}
