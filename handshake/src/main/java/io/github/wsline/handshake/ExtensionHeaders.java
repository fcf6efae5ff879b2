package io.github.wsline.handshake;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1):
 * {@code permessage-deflate; client_max_window_bits, x-webkit-deflate-frame}. A parameter value is a token even when
 * quoted, so neither a comma nor a semicolon can occur inside one and splitting on them is exact.
 *
 * <p>An extension that names a parameter twice is malformed: no extension could tell which value was meant, and
 * RFC 7692 §7 says so for permessage-deflate. A server leaves such an offer out, which declines it; a client fails
 * the handshake.
 */
final class ExtensionHeaders {
    private ExtensionHeaders() {
    }

    /**
     * The extensions of all occurrences of the header, in the order sent, each with its parameters in the order sent;
     * a parameter without a value maps to null, a quoted value is unquoted. Malformed extensions are left out.
     */
    static List<WebSocketExtensionData> parse(List<String> headerValues) {
        return parse(headerValues, false);
    }

    /** Like {@link #parse}, but a malformed extension throws {@link IllegalArgumentException} saying what is wrong. */
    static List<WebSocketExtensionData> parseStrictly(List<String> headerValues) {
        return parse(headerValues, true);
    }

    /** One header value listing the extensions in order. */
    static String format(List<WebSocketExtensionData> extensions) {
        return extensions.stream().map(ExtensionHeaders::format).collect(Collectors.joining(", "));
    }

    private static List<WebSocketExtensionData> parse(List<String> headerValues, boolean strict) {
        List<WebSocketExtensionData> extensions = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : value.split(",")) {
                try {
                    WebSocketExtensionData extension = parseExtension(element);
                    if (extension != null) {
                        extensions.add(extension);
                    }
                } catch (IllegalArgumentException malformed) {
                    if (strict) {
                        throw malformed;
                    }
                }
            }
        }
        return extensions;
    }

    /** {@code name *( ";" param [ "=" value ] )}, or null for an empty element (a stray comma). */
    private static WebSocketExtensionData parseExtension(String element) {
        String[] parts = element.split(";", -1); // -1: ";" is two empty parts, not none
        String name = parts[0].trim();
        if (name.isEmpty()) {
            if (parts.length == 1) {
                return null;
            }
            throw new IllegalArgumentException("Extension without a name in '" + element.trim() + "'.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String parameter = (equals < 0 ? part : part.substring(0, equals)).trim();
            if (parameter.isEmpty()) {
                throw new IllegalArgumentException("Parameter without a name in '" + element.trim() + "'.");
            }
            if (parameters.keySet().stream().anyMatch(parameter::equalsIgnoreCase)) {
                throw new IllegalArgumentException("Parameter " + parameter + " twice in '" + element.trim() + "'.");
            }
            parameters.put(parameter, equals < 0 ? null : unquote(part.substring(equals + 1).trim()));
        }
        return new WebSocketExtensionData(name, parameters);
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static String format(WebSocketExtensionData extension) {
        StringBuilder value = new StringBuilder(extension.name());
        for (Map.Entry<String, String> parameter : extension.parameters().entrySet()) {
            value.append("; ").append(parameter.getKey());
            if (parameter.getValue() != null) {
                value.append('=').append(parameter.getValue());
            }
        }
        return value.toString();
    }
}
