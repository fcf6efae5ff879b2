package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.drainOutbound;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.server;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link UpgradeHandlerFuzzTest} found, one test per finding, named for the behaviour; each input is also kept
 * in {@code UpgradeHandlerFuzzTestInputs/arbitraryRequestBytes/} under the same name.
 */
class UpgradeHandlerFuzzFindingsTest {
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    /**
     * Input {@code head-with-malformed-header-400-has-no-body}: the fuzz target's own client read the refusal's
     * {@code Content-Length} and waited for a body that a response to HEAD never has (RFC 9110 §9.3.2). The server
     * was right; the client in the fuzz target now pairs each response with its request's method, as
     * {@code HttpClientCodec} does.
     */
    @Test
    void malformedHeadRequestIsRefusedWithContentLengthButNoBody() {
        channel = server(WebSocketServerConfig.builder().route("/chat", Recorder::new).build());

        channel.writeInbound(ascii("HEAD /chatx HTTP/1.1\r\nHost: a\r\n/form\r\n"));

        String response = new String(drainOutbound(channel), StandardCharsets.US_ASCII);
        assertEquals("HTTP/1.1 400 Bad Request", response.substring(0, response.indexOf("\r\n")));
        assertEquals("content-length: 24", response.lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:")).findFirst().orElseThrow()
                .toLowerCase());
        assertEquals("", response.substring(response.indexOf("\r\n\r\n") + 4), "no body after the head");
        assertFalse(channel.isOpen());
    }

    /**
     * Input {@code upgrade-with-malformed-chunked-body}: an upgrade request whose chunked body is malformed was
     * answered 101, the rest of its body dropped. A request the HTTP decoder could not parse is refused, whichever
     * part of it was malformed.
     */
    @Test
    void upgradeRequestWithAMalformedChunkedBodyIsRefusedWith400() {
        channel = server(WebSocketServerConfig.builder().route("/chat", Recorder::new).build());

        channel.writeInbound(ascii(upgradeRequest("/chat", "Transfer-Encoding: chunked") + "zz\r\nabc\r\n0\r\n\r\n"));

        String response = new String(drainOutbound(channel), StandardCharsets.US_ASCII);
        assertEquals("HTTP/1.1 400 Bad Request", response.substring(0, response.indexOf("\r\n")));
        assertFalse(channel.isOpen());
    }

    /**
     * Input {@code extension-element-of-only-a-semicolon} (found as a longer request after 874,337 runs):
     * {@code Sec-WebSocket-Extensions: ;} made {@code ";".split(";")} an empty array, and the
     * {@code ArrayIndexOutOfBoundsException} turned a valid handshake into a 500 and reached the end of the
     * pipeline. A malformed offer is left out, as any other; the others are still negotiated.
     */
    @Test
    void extensionOfOnlyASemicolonIsLeftOutAndTheUpgradeGoesOn() {
        channel = server(WebSocketServerConfig.builder().route("/chat", Recorder::new)
                .extensions(PerMessageDeflateNegotiator.builder().build()).build());

        channel.writeInbound(ascii(upgradeRequest("/chat", "Sec-WebSocket-Extensions: ;, permessage-deflate")));

        var response = readResponse(channel);
        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertTrue(response.headers().get("Sec-WebSocket-Extensions").startsWith("permessage-deflate;"),
                "permessage-deflate is still agreed: " + response.headers().get("Sec-WebSocket-Extensions"));
        assertTrue(channel.isOpen());
    }

    /** The same input, as a client reads a server's answer: malformed, so the handshake fails saying why. */
    @Test
    void strictParsingRefusesAnExtensionWithoutAName() {
        for (String header : List.of(";", " ; server_no_context_takeover")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExtensionHeaders.parseStrictly(List.of(header)), header);
            assertEquals("Extension without a name in '" + header.trim() + "'.", e.getMessage());
        }
        assertEquals(List.of(), ExtensionHeaders.parse(List.of(";", ";;", " ; x=1")));
    }
}
