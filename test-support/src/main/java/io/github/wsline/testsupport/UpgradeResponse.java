package io.github.wsline.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The server's {@code 101 Switching Protocols} (RFC 6455 §4.2.2), as text, for tests of a client. The accept value is
 * computed here from the key, independently of the handshake module, so that a test of the client does not trust
 * the code under test.
 */
public final class UpgradeResponse {
    /** The accept value for {@link UpgradeRequest#RFC_KEY} (RFC 6455 §1.3). */
    public static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String accept;
    private final List<String> headers = new ArrayList<>();

    private UpgradeResponse(String accept) {
        this.accept = accept;
    }

    /** A 101 for the request that sent {@code key}. */
    public static UpgradeResponse forKey(String key) {
        return withAccept(accept(key));
    }

    /** A 101 with this {@code Sec-WebSocket-Accept}, right or wrong. */
    public static UpgradeResponse withAccept(String accept) {
        return new UpgradeResponse(accept);
    }

    /** §4.2.2: base64 of the SHA-1 of the key followed by the protocol's GUID. */
    public static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1.", e);
        }
    }

    /** Adds header lines, each as it is sent: {@code "Sec-WebSocket-Protocol: chat.v1"}. */
    public UpgradeResponse headers(String... lines) {
        headers.addAll(List.of(lines));
        return this;
    }

    @Override
    public String toString() {
        return "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n"
                + headerLines()
                + "\r\n";
    }

    private String headerLines() {
        return headers.stream().map(line -> line + "\r\n").collect(Collectors.joining());
    }
}
