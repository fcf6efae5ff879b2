package io.github.wsline.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one WebSocket endpoint ({@code /chat}, {@code /echo}), shared by all its sessions: sessions open, and
 * messages and bytes each way. Payload bytes are the messages' own (inflated, with permessage-deflate); wire bytes are
 * the frames as sent and received, headers and control frames included, so that their ratio is the compression.
 */
final class EndpointMetrics {
    final String path;
    final AtomicInteger open = new AtomicInteger();
    final Direction in;
    final Direction out;

    /** The counters of one direction. */
    record Direction(Counter messages, Counter payloadBytes, Counter wireBytes) {
    }

    EndpointMetrics(MeterRegistry registry, String path) {
        this.path = path;
        Gauge.builder("wsline.websocket.sessions.open", open, AtomicInteger::get)
                .description("WebSocket sessions open").tag("endpoint", path).register(registry);
        in = direction(registry, "in");
        out = direction(registry, "out");
    }

    private Direction direction(MeterRegistry registry, String direction) {
        return new Direction(
                Counter.builder("wsline.websocket.messages").description("WebSocket messages, Text and Binary")
                        .tag("endpoint", path).tag("direction", direction).register(registry),
                Counter.builder("wsline.websocket.payload").baseUnit("bytes")
                        .description("Message payload, uncompressed")
                        .tag("endpoint", path).tag("direction", direction).register(registry),
                Counter.builder("wsline.websocket.wire").baseUnit("bytes")
                        .description("WebSocket frames as they cross the wire (inside TLS)")
                        .tag("endpoint", path).tag("direction", direction).register(registry));
    }
}
