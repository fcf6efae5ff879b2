package io.github.wsline.server;

/**
 * What one WebSocket session sent, or received: its own totals, for the access-log line, and its endpoint's counters,
 * kept up to date as frames pass. On the connection's event loop only.
 */
final class SessionTraffic {
    private final EndpointMetrics.Direction meters;
    private long messages;
    private long payloadBytes;
    private long wireBytes;

    SessionTraffic(EndpointMetrics.Direction meters) {
        this.meters = meters;
    }

    /** A data frame: its payload, and a message when it is the message's last. */
    void frame(int payload, boolean lastOfMessage) {
        payloadBytes += payload;
        meters.payloadBytes().increment(payload);
        if (lastOfMessage) {
            messages++;
            meters.messages().increment();
        }
    }

    void wire(int bytes) {
        wireBytes += bytes;
        meters.wireBytes().increment(bytes);
    }

    @Override
    public String toString() {
        return "messages=" + messages + " bytes=" + payloadBytes + " wire_bytes=" + wireBytes;
    }
}
