package io.github.wsline.handshake;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The vocabulary of the opening handshake (RFC 6455 §4, §11.3) in one place: header names and values, the GUID, the
 * versions spoken here, and the accept-key function that the server uses to answer and the client to check.
 */
final class HandshakeProtocol {
    /**
     * §1.3: appended to the client's key before hashing, a value "unlikely to be used by network endpoints that do
     * not understand the WebSocket Protocol".
     */
    static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** §4.1: the key is "a randomly selected 16-byte value that has been base64-encoded". */
    static final int KEY_LENGTH = 16;

    /** RFC 6455 (§4.1: "The value of this header field MUST be 13"); what the client sends. */
    static final String VERSION_13 = "13";
    /** Versions the server accepts: RFC 6455, and the hybi drafts 8 and 7, whose handshake and framing are the same. */
    static final List<String> SUPPORTED_VERSIONS = List.of(VERSION_13, "8", "7");
    /** §4.4: sent with 426 to tell the client which versions it may retry with. */
    static final String SUPPORTED_VERSIONS_VALUE = String.join(", ", SUPPORTED_VERSIONS);

    static final AsciiString HOST = HttpHeaderNames.HOST;
    static final AsciiString UPGRADE = HttpHeaderNames.UPGRADE;
    static final AsciiString CONNECTION = HttpHeaderNames.CONNECTION;
    static final AsciiString ORIGIN = HttpHeaderNames.ORIGIN;
    /** Drafts 7 and 8 named the origin header this way (hybi-08 §4.1). */
    static final AsciiString SEC_WEBSOCKET_ORIGIN = HttpHeaderNames.SEC_WEBSOCKET_ORIGIN;
    static final AsciiString SEC_WEBSOCKET_KEY = HttpHeaderNames.SEC_WEBSOCKET_KEY;
    static final AsciiString SEC_WEBSOCKET_ACCEPT = HttpHeaderNames.SEC_WEBSOCKET_ACCEPT;
    static final AsciiString SEC_WEBSOCKET_VERSION = HttpHeaderNames.SEC_WEBSOCKET_VERSION;
    static final AsciiString SEC_WEBSOCKET_PROTOCOL = HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL;
    static final AsciiString SEC_WEBSOCKET_EXTENSIONS = HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS;

    /** The {@code Upgrade} value; matched ignoring case (§4.2.1 item 3). */
    static final AsciiString WEBSOCKET = HttpHeaderValues.WEBSOCKET;
    /** The {@code Connection} token; matched ignoring case (§4.2.1 item 4). */
    static final AsciiString CONNECTION_UPGRADE = AsciiString.cached("Upgrade");

    private HandshakeProtocol() {
    }

    /** §4.2.2 item 5.4: base64(SHA-1(key + GUID)), the key taken as sent, without decoding it. */
    static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available.", e); // every Java platform must provide it
        }
    }

    /** Whether a comma-separated header such as {@code Connection: keep-alive, Upgrade} holds a token, in any case. */
    static boolean hasToken(HttpHeaders headers, AsciiString name, AsciiString token) {
        return headers.containsValue(name, token, true);
    }

    /** The elements of a comma-separated header, over all its occurrences, trimmed, empty ones left out. */
    static List<String> tokens(HttpHeaders headers, AsciiString name) {
        List<String> tokens = new ArrayList<>();
        for (String value : headers.getAll(name)) {
            for (String token : value.split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed);
                }
            }
        }
        return tokens;
    }
}
