package io.github.wsline.bench;

import static io.github.wsline.bench.ChatSoak.mib;

import java.util.Locale;

/**
 * The chat server's memory through a {@link ChatSoak}, and the bounds it must stay within: its heap after GC at the
 * end of the run no more than at the start (fewer connections, plus {@link #SLACK} for the rooms' history and Netty's
 * object pools); at its peak during the run, and while every client disconnects at once, no more than the start
 * plus the output limit of every slow reader; and, once every client has gone, back within {@link #SLACK} of the
 * idle server.
 */
final class SoakMemory {
    static final long SLACK = 16L * 1024 * 1024;

    private final ServerProcess.Memory idle;
    private final ServerProcess.Memory connected;
    private final int connections;

    SoakMemory(ServerProcess.Memory idle, ServerProcess.Memory connected, int connections) {
        this.idle = idle;
        this.connected = connected;
        this.connections = connections;
    }

    void printConnected() {
        System.out.printf(Locale.ROOT, "memory:  server heap after GC %s idle, %s with %,d connections: %,.0f B per "
                        + "connection, and %,.0f B of Netty direct memory%n", mib(idle.heap()), mib(connected.heap()),
                connections, (connected.heap() - idle.heap()) / (double) connections,
                (connected.direct() - idle.direct()) / (double) connections);
    }

    /**
     * Prints the end of the run ({@code end}, {@code open} connections left, its peak), the mass disconnection
     * ({@code disconnected}: its peak) and the settled server ({@code after}); true if all are within their bounds.
     */
    boolean printEnd(ServerProcess.Memory end, long open, long slowReadersLimit, ServerProcess.Memory disconnected,
            ServerProcess.Memory after) {
        long endBound = connected.heap() + SLACK;
        long peakBound = connected.heap() + slowReadersLimit + SLACK;
        long afterBound = idle.heap() + SLACK;
        System.out.printf(Locale.ROOT, "memory:  end of run, %,d connections: heap after GC %s (bound %s), direct %s; "
                        + "peak heap after a GC during the run %s (bound %s)%n", open, mib(end.heap()), mib(endBound),
                mib(end.direct()), mib(end.peakHeap()), mib(peakBound));
        System.out.printf(Locale.ROOT, "memory:  all clients disconnect at once: peak heap after a GC %s (bound %s); "
                        + "settled: heap after GC %s (bound %s), direct %s%n", mib(disconnected.peakHeap()),
                mib(peakBound), mib(after.heap()), mib(afterBound), mib(after.direct()));
        return end.heap() <= endBound && end.peakHeap() <= peakBound && disconnected.peakHeap() <= peakBound
                && after.heap() <= afterBound;
    }
}
