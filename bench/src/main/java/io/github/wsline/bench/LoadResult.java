package io.github.wsline.bench;

import java.util.Locale;

/**
 * What one load run measured: messages echoed while it ran, their round trips in a 1 µs histogram, and the CPU time
 * the server and the load client used meanwhile.
 */
final class LoadResult {
    private static final int MAX_MICROS = 2_000_000;
    private final long[] micros = new long[MAX_MICROS + 1];
    private final int messageSize;
    private long messages;
    private long elapsedNanos = -1;
    private long serverCpuNanos;
    private long clientCpuNanos;

    LoadResult(int messageSize) {
        this.messageSize = messageSize;
    }

    boolean running() {
        return elapsedNanos < 0;
    }

    void record(long roundTripNanos) {
        micros[(int) Math.min(MAX_MICROS, roundTripNanos / 1000)]++;
        messages++;
    }

    void stop(long elapsedNanos) {
        this.elapsedNanos = elapsedNanos;
    }

    void serverCpu(long nanos) {
        this.serverCpuNanos = nanos;
    }

    void clientCpu(long nanos) {
        this.clientCpuNanos = nanos;
    }

    private long percentileMicros(double percentile) {
        long rank = (long) Math.ceil(messages * percentile);
        long seen = 0;
        for (int i = 0; i <= MAX_MICROS; i++) {
            seen += micros[i];
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_MICROS;
    }

    @Override
    public String toString() {
        double seconds = elapsedNanos / 1e9;
        return String.format(Locale.ROOT, "%,10.0f msg/s %8.1f MB/s  p50 %,7d us  p99 %,7d us  server CPU %6.2f us/msg"
                        + "  client CPU %6.2f us/msg", messages / seconds, messages * (double) messageSize / seconds / 1e6,
                percentileMicros(0.50), percentileMicros(0.99), serverCpuNanos / 1e3 / messages,
                clientCpuNanos / 1e3 / messages);
    }
}
