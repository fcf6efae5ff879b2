package io.github.wsline.testkit;

import io.github.wsline.codec.WebSocketConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A scripted WebSocket server for testing a client: your client's pipeline runs on an embedded {@code SocketChannel}
 * that is connected to this server, with no network, no threads and no waiting. The server reads the client's upgrade
 * request and accepts it, refuses it, or answers anything at all; then it sends frames (unmasked as a server's, or
 * any malformed frame) and reads the client's with wsline's strict decoder, so that a client frame that breaks
 * RFC 6455 (an unmasked one, §5.3) fails the test.
 *
 * <pre>{@code
 * try (WebSocketTestServer server = WebSocketTestServer.accept(new MyClientInitializer())) {
 *     assertEquals("/chat", server.upgradeRequest().uri());
 *     server.acceptHandshake("Sec-WebSocket-Protocol: chat");
 *     server.sendText("hello");
 *     assertEquals("HELLO", server.readText());     // what the client answered
 *     server.sendClose(1001, "going away");
 *     server.expectClose(1001);                      // the client's echo
 *     server.dropConnection();
 * }
 * }</pre>
 *
 * The client's clock is frozen: its timers (handshake timeout, keepalive) run only when a test calls
 * {@code advanceTime}.
 */
public final class WebSocketTestServer extends ScriptedPeer<WebSocketTestServer> {
    private final UpgradeRequestExchange handshake = new UpgradeRequestExchange();
    private boolean requestRead;

    private WebSocketTestServer(EmbeddedSocketChannel client) {
        super(client, WebSocketConfig.Role.SERVER);
    }

    /**
     * {@return a server to which the client pipeline {@code clientHandlers} set up is connected} The client's
     * handlers see {@code channelActive}, as on a connection that just opened, and a WebSocket client then sends its
     * upgrade request.
     *
     * @param clientHandlers the client's pipeline: its {@code ChannelInitializer} (as given to
     *                       {@code Bootstrap.handler}), or its handlers
     */
    public static WebSocketTestServer accept(ChannelHandler... clientHandlers) {
        return new WebSocketTestServer(EmbeddedSocketChannel.open(clientHandlers));
    }

    /**
     * {@return the client's upgrade request: method, target, headers}
     *
     * @throws AssertionError if the client has sent no request
     */
    public HttpRequest upgradeRequest() {
        if (!requestRead) {
            if (!handshake.readRequest(wire.drainWritten())) {
                throw new AssertionError("The client sent no upgrade request.");
            }
            requestRead = true;
        }
        return handshake.request();
    }

    /**
     * Accepts the client's upgrade request with a valid 101 (the right {@code Sec-WebSocket-Accept}), and any extra
     * response headers: {@code "Sec-WebSocket-Protocol: chat"}, {@code "Sec-WebSocket-Extensions: permessage-deflate"}
     * (the server then inflates what the client compresses and compresses what it sends).
     *
     * @param headers extra response headers, each as {@code "Name: value"}
     * @return this server
     * @throws AssertionError if the client sent no request, one that is not a valid upgrade, or data behind it before
     *                        the answer (RFC 6455 §4.1)
     * @throws IllegalArgumentException if a header is not written {@code "Name: value"}
     */
    public WebSocketTestServer acceptHandshake(String... headers) {
        upgradeRequest();
        String problem = handshake.problem();
        if (problem != null) {
            throw new AssertionError(problem);
        }
        upgraded(headersOf(headers), List.of());
        return sendRaw(handshake.acceptance(headers));
    }

    /**
     * Refuses the upgrade with this status and a short body, then closes the connection, as a server does.
     *
     * @param status the HTTP status, e.g. 403
     * @return this server
     * @throws AssertionError if the client sent no request
     */
    public WebSocketTestServer refuseHandshake(int status) {
        upgradeRequest();
        sendRaw(UpgradeRequestExchange.refusal(status));
        return dropConnection();
    }

    /**
     * Answers the upgrade request with any response, valid or not: a broken 101 (a wrong
     * {@code Sec-WebSocket-Accept}, a missing {@code Upgrade}), to test that the client refuses it. Frames do not
     * follow; the test goes on with {@link #expectConnectionClosed()} or {@link #dropConnection()}.
     *
     * @param response the response head as text, lines ending in {@code \r\n}, with the empty line that ends it
     * @return this server
     * @throws AssertionError if the client sent no request
     */
    public WebSocketTestServer answerHandshake(String response) {
        upgradeRequest();
        return sendRaw(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Ends the connection from the server's side (its FIN), without a Close frame, as a server that crashed or a
     * dropped network does; the client's channel closes.
     *
     * @return this server
     */
    public WebSocketTestServer dropConnection() {
        pump();
        wire.endOurSide();
        return this;
    }

    /**
     * {@return the client's channel, to inspect or drive its pipeline directly} An {@code EmbeddedChannel} that is also
     * a {@code SocketChannel}.
     */
    public EmbeddedChannel clientChannel() {
        return wire.channel;
    }

    @Override
    WebSocketTestServer self() {
        return this;
    }

    @Override
    byte[] bytesOf(RawFrame frame) {
        return frame.toBytes(false, 0);
    }

    /** The extra headers of our 101, as headers. */
    private static HttpHeaders headersOf(String... headers) {
        HttpHeaders parsed = new DefaultHttpHeaders();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Not a \"Name: value\" header: " + header);
            }
            parsed.add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return parsed;
    }
}
