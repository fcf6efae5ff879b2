package io.github.wsline.handshake;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1):
 * {@code permessage-deflate; client_max_window_bits, x-webkit-deflate-frame}. A parameter value is a token even when
 * quoted, so neither a comma nor a semicolon can occur inside one and splitting on them is exact.
 */
final class ExtensionHeaders {
    private ExtensionHeaders() {
    }

    /** The extensions of all occurrences of the header, in the order sent; a parameter without a value maps to null. */
    static List<WebSocketExtensionData> parse(List<String> headerValues) {
        List<WebSocketExtensionData> extensions = new ArrayList<>();
        for (String value : headerValues) {
            for (WebSocketExtensionData extension : WebSocketExtensionUtil.extractExtensions(value)) {
                if (!extension.name().isEmpty()) {
                    extensions.add(extension);
                }
            }
        }
        return extensions;
    }

    /** One header value listing the extensions in order. */
    static String format(List<WebSocketExtensionData> extensions) {
        return extensions.stream().map(ExtensionHeaders::format).collect(Collectors.joining(", "));
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
