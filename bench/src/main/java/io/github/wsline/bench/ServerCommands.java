package io.github.wsline.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The server side of the line protocol between a bench driver and the server JVM it starts ({@link EchoServerMain},
 * {@link ChatServerProcess}); the driver side is {@link ServerProcess}. One command per line on standard input, one
 * line of answer on standard output; the server stops when its standard input closes.
 * <ul>
 *   <li>{@code memory}: {@code HEAP DIRECT PEAK SOCKETS}: heap in use after a full GC, the direct memory Netty holds,
 *       the most heap in use after any GC since the last {@code reset} (an upper bound of the live set at its
 *       largest, found without forcing a GC), and the process's open sockets;</li>
 *   <li>{@code sockets}: the process's open sockets, the listening ones included (-1 without /proc);</li>
 *   <li>{@code reset}: forgets the peak; answers {@code ok}.</li>
 * </ul>
 */
final class ServerCommands {
    private static final AtomicLong PEAK_HEAP_AFTER_GC = new AtomicLong();

    private ServerCommands() {
    }

    /** Answers commands until standard input closes. */
    static void answerUntilClosed() throws IOException, InterruptedException {
        watchCollections();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String command; (command = commands.readLine()) != null; ) {
            switch (command) {
                case "memory":
                    answer(heapAfterFullGc() + " " + PlatformDependent.usedDirectMemory() + " "
                            + PEAK_HEAP_AFTER_GC.get() + " " + openSockets());
                    break;
                case "sockets":
                    answer(Long.toString(openSockets()));
                    break;
                case "reset":
                    PEAK_HEAP_AFTER_GC.set(0);
                    answer("ok");
                    break;
                default:
                    answer("unknown command: " + command);
            }
        }
    }

    private static void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static long heapAfterFullGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Records the heap in use after every collection, young ones included, into the peak. */
    private static void watchCollections() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                            .getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed())
                            .sum();
                    PEAK_HEAP_AFTER_GC.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
    }

    private static long openSockets() {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(ServerCommands::isSocket).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean isSocket(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString().startsWith("socket:");
        } catch (IOException e) {
            return false; // closed meanwhile
        }
    }
}
