package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.UpgradeResponse;
import io.github.wsline.testsupport.WireFrames;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server end of a client pipeline on an {@link EmbeddedChannel}: it reads the upgrade request the client wrote,
 * answers it, sends frames as bytes and parses the frames the client wrote with test-support's reference reader.
 */
final class ScriptedServer {
    /** The request line and headers of the client's upgrade request. */
    record Request(String requestLine, HttpHeaders headers) {
        String key() {
            return headers.get("Sec-WebSocket-Key");
        }
    }

    private final EmbeddedChannel channel;
    private Request request;

    ScriptedServer(EmbeddedChannel channel) {
        this.channel = channel;
    }

    /** The upgrade request the client has written, which must be all it wrote. */
    Request request() {
        if (request == null) {
            channel.runPendingTasks();
            String text = new String(WireFrames.drainOutbound(channel), StandardCharsets.US_ASCII);
            assertTrue(text.endsWith("\r\n\r\n"), "the client wrote one request head: " + text);
            String[] lines = text.substring(0, text.length() - 4).split("\r\n");
            HttpHeaders headers = new DefaultHttpHeaders();
            for (String line : List.of(lines).subList(1, lines.length)) {
                int colon = line.indexOf(':');
                headers.add(line.substring(0, colon), line.substring(colon + 1).trim());
            }
            request = new Request(lines[0], headers);
        }
        return request;
    }

    /** A valid 101 for the request, with these extra header lines, e.g. {@code "Sec-WebSocket-Protocol: chat"}. */
    String upgradeResponse(String... headerLines) {
        return UpgradeResponse.forKey(request().key()).headers(headerLines).toString();
    }

    /** Answers with a valid 101 carrying these extra header lines. */
    void accept(String... headerLines) {
        respond(upgradeResponse(headerLines));
    }

    /** Answers with {@code response} as it is, followed by these frames in the same read. */
    void respond(String response, Frame... frames) {
        request();
        channel.writeInbound(Unpooled.wrappedBuffer(response.getBytes(StandardCharsets.US_ASCII)));
        send(frames);
    }

    /** Sends frames as the server writes them: unmasked. */
    void send(Frame... frames) {
        for (Frame frame : frames) {
            channel.writeInbound(Unpooled.wrappedBuffer(frame.masked(false).toBytes(0)));
        }
        channel.runPendingTasks(); // Netty removes the HTTP decoder in a task, after the 101
    }

    /** The frames the client wrote since the last call. */
    List<Frame> frames() {
        return WireFrames.parse(WireFrames.drainOutbound(channel));
    }
}
