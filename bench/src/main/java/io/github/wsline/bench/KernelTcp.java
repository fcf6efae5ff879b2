package io.github.wsline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says of its TCP buffers, for the soak: -1 (or the default) where /proc does not say. */
final class KernelTcp {
    private static final long PAGE = 4096;

    private KernelTcp() {
    }

    /** The most a socket's send buffer grows to (net.ipv4.tcp_wmem's maximum), 4 MiB if unknown. */
    static long sendBufferMax() {
        try {
            String[] values = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(values[2]);
        } catch (IOException | RuntimeException e) {
            return 4L * 1024 * 1024;
        }
    }

    /** Memory in the buffers of all TCP sockets of the machine ("TCP: ... mem PAGES" in /proc/net/sockstat). */
    static long memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
                if (line.startsWith("TCP:")) {
                    String[] fields = line.trim().split("\\s+");
                    return Long.parseLong(fields[fields.length - 1]) * PAGE;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
