package io.github.wsline.server;

import io.github.wsline.handshake.ConnectionLimitHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The chat server's metrics, served by {@code GET /metrics} in Prometheus' text format: connections, handshakes,
 * WebSocket sessions per endpoint, the chat's rooms and drops, the JVM and Netty's buffer memory. docs/operations.md
 * lists each one. Every meter on the path of a message is a Micrometer counter (a {@code DoubleAdder}: no lock), so
 * counting costs the event loops no contention; gauges are read at scrape time.
 */
final class ServerMetrics implements AutoCloseable {
    /** Prometheus' text exposition format, version 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ConcurrentMap<String, EndpointMetrics> endpoints = new ConcurrentHashMap<>();
    private final ChatMetrics chat = new ChatMetrics(registry);

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry); // includes jvm_buffer_memory_used_bytes{id="direct"}
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
            new NettyAllocatorMetrics(allocator).bindTo(registry); // Netty's pooled direct and heap memory
        }
    }

    /** The connections' gauge: how many are open, at scrape time. */
    void watch(ConnectionLimitHandler connectionLimit) {
        Gauge.builder("wsline.connections.open", connectionLimit, ConnectionLimitHandler::activeConnections)
                .description("TCP connections open and within the connection limits, WebSocket or not")
                .register(registry);
    }

    /** The rooms' gauges: how many rooms, and members in all of them, at scrape time; returns {@code rooms}. */
    ChatRooms watch(ChatRooms rooms) {
        Gauge.builder("wsline.chat.rooms", rooms, ChatRooms::roomCount)
                .description("Chat rooms, each with at least one member").register(registry);
        Gauge.builder("wsline.chat.members", rooms, ChatRooms::memberCount)
                .description("Members of all chat rooms").register(registry);
        return rooms;
    }

    ChatMetrics chat() {
        return chat;
    }

    /** The meters of the WebSocket endpoint at {@code path}, e.g. {@code /chat}. */
    EndpointMetrics endpoint(String path) {
        return endpoints.computeIfAbsent(path, p -> new EndpointMetrics(registry, p));
    }

    /** Counts the response to a WebSocket handshake: 101, or the status of its refusal. */
    void handshake(int status) {
        Counter.builder("wsline.websocket.handshakes")
                .description("WebSocket handshakes answered, by result and HTTP status")
                .tag("result", status == 101 ? "accepted" : "refused")
                .tag("status", Integer.toString(status))
                .register(registry).increment();
    }

    /** Counts the end of a WebSocket session: its close code, and who started the closing handshake. */
    void close(String endpoint, int code, String closedBy) {
        Counter.builder("wsline.websocket.closes")
                .description("WebSocket sessions ended, by endpoint, close code and who closed first "
                        + "(server, client, or none: the connection ended without a Close, code 1006)")
                .tag("endpoint", endpoint)
                .tag("code", Integer.toString(code))
                .tag("closed_by", closedBy)
                .register(registry).increment();
    }

    /** Every metric, in Prometheus' text format. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
