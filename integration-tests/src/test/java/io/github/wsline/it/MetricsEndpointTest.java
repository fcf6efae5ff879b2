package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} after a scripted exchange: alice joins, says three things, and closes; a plain GET of
 * {@code /chat} is refused. The counters match what was sent, byte for byte.
 */
class MetricsEndpointTest {
    private static final List<String> SAID = List.of("hello", "how are you?", "bye");
    private static final String SESSION_LOGGER = "io.github.wsline.server.WebSocketSession";
    private static final Pattern SESSION_ENDED = Pattern.compile(".* /chat session ended: .*");

    @Test
    void countersMatchAScriptedChatSession() throws Exception {
        try (ServerFixture server = ServerFixture.start();
                LogRecorder sessions = LogRecorder.attach(SESSION_LOGGER, Level.DEBUG)) {
            JdkClient alice = server.join("alice", "lobby");
            long payloadIn = 0;
            for (String text : SAID) {
                alice.say(text);
                String sent = "{\"type\":\"message\",\"text\":\"" + text + "\"}";
                payloadIn += sent.getBytes(StandardCharsets.UTF_8).length;
                assertEquals(text, alice.expectEvent("message").path("text").asText());
            }
            alice.sendClose();
            assertEquals(1000, alice.closeCode());
            int refusal = server.get("/chat").statusCode();

            // The client may see the Close before the server has ended the session; its last step is this line.
            sessions.await(Level.DEBUG, SESSION_ENDED);
            String scrape = server.get("/metrics").body();
            assertEquals(1, sample(scrape, "wsline_websocket_handshakes_total{result=\"accepted\",status=\"101\"}"));
            assertEquals(1, sample(scrape,
                    "wsline_websocket_handshakes_total{result=\"refused\",status=\"" + refusal + "\"}"));
            assertEquals(SAID.size(), sample(scrape,
                    "wsline_websocket_messages_total{direction=\"in\",endpoint=\"/chat\"}"));
            assertEquals(payloadIn, sample(scrape,
                    "wsline_websocket_payload_bytes_total{direction=\"in\",endpoint=\"/chat\"}"));
            // The welcome, then each message back.
            assertEquals(1 + SAID.size(), sample(scrape,
                    "wsline_websocket_messages_total{direction=\"out\",endpoint=\"/chat\"}"));
            assertEquals(1, sample(scrape,
                    "wsline_websocket_closes_total{closed_by=\"client\",code=\"1000\",endpoint=\"/chat\"}"));
            // Each message went to the one member; alice's own join and leave went to nobody.
            assertEquals(SAID.size(), sample(scrape, "wsline_chat_broadcast_fanout_count"));
            assertEquals(SAID.size(), sample(scrape, "wsline_chat_broadcast_fanout_sum"));
            assertEquals(0, sample(scrape, "wsline_chat_rooms"));
            assertEquals(0, sample(scrape, "wsline_chat_members"));
            assertEquals(0, sample(scrape, "wsline_chat_rate_limit_drops_total"));
            assertTrue(sample(scrape, "jvm_buffer_memory_used_bytes{id=\"direct\"}") >= 0, "JVM direct memory");
            assertTrue(scrape.contains("\nnetty_allocator_memory_used"), "Netty's allocator memory");
        }
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        try (ServerFixture server = ServerFixture.start()) {
            HttpResponse<String> response = server.get("/metrics");

            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains("# TYPE wsline_connections_open gauge"), response.body());
        }
    }

    /** The value of one series, e.g. {@code wsline_chat_rooms} or {@code name{label="value"}}, exactly as written. */
    private static double sample(String scrape, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        if (!line.find()) {
            throw new AssertionError("No " + series + " in:\n" + scrape);
        }
        return Double.parseDouble(line.group(1));
    }
}
