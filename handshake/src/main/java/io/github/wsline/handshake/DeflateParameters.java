package io.github.wsline.handshake;

import io.github.wsline.codec.PerMessageDeflate;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The four parameters of permessage-deflate (RFC 7692 §7.1), as an offer or a response carries them, checked as §7
 * asks: no parameter that is not defined, none with an invalid value. (A parameter named twice never gets here:
 * {@link ExtensionHeaders} treats it as malformed.)
 *
 * @param serverMaxWindowBits 8 to 15, or {@link #ABSENT}
 * @param clientMaxWindowBits 8 to 15, {@link #ABSENT}, or {@link #NO_VALUE} (an offer only: "any window you like")
 */
record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                         int serverMaxWindowBits, int clientMaxWindowBits) {
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    static final int ABSENT = -1;
    static final int NO_VALUE = 0;
    /** The JDK's Deflater and Inflater window: 2^15 bytes, 32 KiB. */
    static final int MAX_WINDOW_BITS = 15;

    /** §7.1.2.1: "a decimal integer value without leading zeroes between 8 to 15, inclusive". */
    private static final Pattern WINDOW_BITS = Pattern.compile("8|9|1[0-5]");

    /** Parses a client's offer; throws {@link IllegalArgumentException} saying why the offer must be declined. */
    static DeflateParameters parseOffer(WebSocketExtensionData offer) {
        return parse(offer, true);
    }

    /** Parses a server's response; throws {@link IllegalArgumentException} saying why it is invalid. */
    static DeflateParameters parseResponse(WebSocketExtensionData response) {
        return parse(response, false);
    }

    /** The extension with these parameters, for a header, those that are present in the RFC's order. */
    WebSocketExtensionData toExtensionData() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (serverNoContextTakeover) {
            parameters.put(SERVER_NO_CONTEXT_TAKEOVER, null);
        }
        if (clientNoContextTakeover) {
            parameters.put(CLIENT_NO_CONTEXT_TAKEOVER, null);
        }
        if (serverMaxWindowBits != ABSENT) {
            parameters.put(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits));
        }
        if (clientMaxWindowBits != ABSENT) {
            parameters.put(CLIENT_MAX_WINDOW_BITS, clientMaxWindowBits == NO_VALUE ? null
                    : Integer.toString(clientMaxWindowBits));
        }
        return new WebSocketExtensionData(PerMessageDeflate.EXTENSION_NAME, parameters);
    }

    private static DeflateParameters parse(WebSocketExtensionData extension, boolean offer) {
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverMaxWindowBits = ABSENT;
        int clientMaxWindowBits = ABSENT;
        for (Map.Entry<String, String> parameter : extension.parameters().entrySet()) {
            String name = parameter.getKey().toLowerCase(Locale.ROOT);
            String value = parameter.getValue();
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> serverNoContextTakeover = noValue(name, value);
                case CLIENT_NO_CONTEXT_TAKEOVER -> clientNoContextTakeover = noValue(name, value);
                case SERVER_MAX_WINDOW_BITS -> serverMaxWindowBits = windowBits(name, value);
                // §7.1.2.2: without a value in an offer only; a response that has it gives the value
                case CLIENT_MAX_WINDOW_BITS -> clientMaxWindowBits =
                        offer && value == null ? NO_VALUE : windowBits(name, value);
                default -> throw new IllegalArgumentException("Unknown parameter " + parameter.getKey() + ".");
            }
        }
        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover,
                serverMaxWindowBits, clientMaxWindowBits);
    }

    /** §7.1.1.1, §7.1.1.2: the context takeover parameters have no value. */
    private static boolean noValue(String name, String value) {
        if (value != null) {
            throw new IllegalArgumentException(name + " takes no value, got '" + value + "'.");
        }
        return true;
    }

    private static int windowBits(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value.");
        }
        if (!WINDOW_BITS.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 8 to 15, got '" + value + "'.");
        }
        return Integer.parseInt(value);
    }
}
