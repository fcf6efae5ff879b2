package io.github.wsline.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1) read into extensions, and written back. */
class ExtensionHeadersTest {
    /** Each extension as {@code name: key=value, key} in the parsed order, to compare orders as well. */
    private static List<String> described(List<WebSocketExtensionData> extensions) {
        List<String> described = new ArrayList<>();
        for (WebSocketExtensionData extension : extensions) {
            List<String> parameters = new ArrayList<>();
            for (Map.Entry<String, String> parameter : extension.parameters().entrySet()) {
                parameters.add(parameter.getKey() + (parameter.getValue() == null ? "" : "=" + parameter.getValue()));
            }
            described.add(extension.name() + ": " + String.join(", ", parameters));
        }
        return described;
    }

    @Test
    void extensionsAndParametersKeepTheOrderSent() {
        List<WebSocketExtensionData> parsed = ExtensionHeaders.parse(List.of(
                "permessage-deflate; server_max_window_bits=10; client_max_window_bits, x-webkit-deflate-frame",
                "x-test; b=2; a=1"));

        assertEquals(List.of("permessage-deflate: server_max_window_bits=10, client_max_window_bits",
                "x-webkit-deflate-frame: ", "x-test: b=2, a=1"), described(parsed));
    }

    @Test
    void quotedValueIsUnquotedAndEmptyElementsAreSkipped() {
        List<WebSocketExtensionData> parsed = ExtensionHeaders.parse(List.of(" , x-test ;; level = \"2\" ,"));

        assertEquals(List.of("x-test: level=2"), described(parsed));
    }

    @Test
    void extensionNamingAParameterTwiceIsLeftOut() {
        List<WebSocketExtensionData> parsed = ExtensionHeaders.parse(Arrays.asList(
                "permessage-deflate; server_no_context_takeover; Server_No_Context_Takeover, permessage-deflate"));

        assertEquals(List.of("permessage-deflate: "), described(parsed));
    }

    @Test
    void strictParsingSaysWhatIsMalformed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExtensionHeaders.parseStrictly(List.of("x-test; a=1; a=2")));

        assertEquals("Parameter a twice in 'x-test; a=1; a=2'.", e.getMessage());
    }

    @Test
    void parsedExtensionsFormatBackInOrder() {
        String header = "permessage-deflate; server_no_context_takeover; server_max_window_bits=15, x-test";

        assertEquals(header, ExtensionHeaders.format(ExtensionHeaders.parse(List.of(header))));
    }
}
