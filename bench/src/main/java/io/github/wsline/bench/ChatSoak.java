package io.github.wsline.bench;

import io.github.wsline.bench.SoakClient.Role;
import io.github.wsline.handshake.WebSocketClientConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Soak test of the chat server on loopback: N connections in R rooms for S seconds, the server in a JVM of its own
 * ({@link ChatServerProcess}, default options but the connection limits, {@code --no-deflate}, {@code -Xmx1g}), the
 * clients on one event loop thread ({@link SoakClient}).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.wsline.bench.ChatSoak [connections] [rooms] [seconds] [slow %] [abrupt %]</pre>
 *
 * Defaults: 10,000 connections, 20 rooms, 60 s, 2% slow readers, 10% abrupt disconnects. Every room has senders,
 * each well under the server's message rate limit: room 0 is busy (40 senders, 2 messages/s each, of 6 KB), the
 * others quiet (3 senders, 1 message/s each, of 150 B). Each message carries its sender and sequence number.
 * <ul>
 *   <li>Slow readers, in the busy room, stop reading at a random time in the first half of the run and read again
 *       once the room has sent more than the server's output limit plus all the kernel's socket buffers can hold:
 *       by then the server must have dropped them with Close 1008. A slow reader that let less than the output
 *       limit pass unread must not have been dropped.</li>
 *   <li>Abrupt clients, in every room, reset their TCP connection (SO_LINGER 0) at random times.</li>
 *   <li>Every other client must receive every message of its room, per sender in the order sent, all members of a
 *       room in one and the same order, and must not be dropped.</li>
 * </ul>
 * Then every client disconnects at once. It reports the server's heap after GC per connection, messages delivered
 * against expected, the slow readers dropped, and the server's heap (after GC) at the end of the run, at its peak,
 * through the mass disconnection and once settled ({@link SoakMemory} has the bounds), and the server's log; and
 * exits with 1 when a message was lost, a client was dropped that should not have been (or kept that should not),
 * the server's memory passed a bound, or the server logged an error.
 *
 * <p>A stalled client holds up to about 5 MiB of loopback socket buffers in the kernel (the server's send buffer
 * grows to {@code net.ipv4.tcp_wmem}'s 4 MiB), hence 2% of slow readers rather than more: 200 of them already take
 * the machine's TCP memory near 1 GiB.
 */
public final class ChatSoak {
    private static final int PORT = 18097;
    private static final int CONNECTS_IN_FLIGHT = 64;
    /** Each client's SO_RCVBUF, so that what a stalled client's kernel holds is known. */
    private static final int RECEIVE_BUFFER = 128 * 1024;
    private static final int BUSY_SENDERS = 40;
    private static final int QUIET_SENDERS = 3;
    private static final long BUSY_INTERVAL_MILLIS = 500;
    private static final long QUIET_INTERVAL_MILLIS = 1000;
    /** The chat server's high water mark (ChatServer.OUTPUT_LIMIT): more unsent output than this gets 1008. */
    private static final long OUTPUT_LIMIT = 1024 * 1024;
    private static final long MIB = 1024 * 1024;

    private final Settings settings;
    private final ServerProcess server;
    private final EventLoopGroup group;
    private final Random random = new Random(1);
    private final List<SoakClient> clients = new ArrayList<>();

    record Settings(int connections, int rooms, int seconds, double slowShare, double abruptShare) {
        static Settings parse(String[] args) {
            return new Settings(args.length > 0 ? Integer.parseInt(args[0]) : 10_000,
                    args.length > 1 ? Integer.parseInt(args[1]) : 20,
                    args.length > 2 ? Integer.parseInt(args[2]) : 60,
                    args.length > 3 ? Double.parseDouble(args[3]) / 100 : 0.02,
                    args.length > 4 ? Double.parseDouble(args[4]) / 100 : 0.10);
        }
    }

    private ChatSoak(Settings settings, ServerProcess server, EventLoopGroup group) {
        this.settings = settings;
        this.server = server;
        this.group = group;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        System.out.printf(Locale.ROOT, "ChatSoak: %,d connections, %d rooms, %d s, %.0f%% slow readers, %.0f%% abrupt "
                        + "disconnects; %s %s%n", settings.connections, settings.rooms, settings.seconds,
                settings.slowShare * 100, settings.abruptShare * 100, System.getProperty("java.vm.name"),
                Runtime.version());
        String limit = Integer.toString(settings.connections + 100);
        Path serverLog = Files.createTempFile("chat-soak-server-", ".log");
        long start = System.nanoTime();
        boolean passed = false;
        ProcessBuilder.Redirect serverErrors = ProcessBuilder.Redirect.to(serverLog.toFile());
        try (ServerProcess server = ServerProcess.start(List.of("-Xmx1g"), serverErrors, "wsline chat server listening",
                ChatServerProcess.class, "--host", "127.0.0.1", "--port", Integer.toString(PORT), "--no-deflate",
                "--max-connections", limit, "--max-connections-per-address", limit, "--shutdown-timeout", "1")) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            try {
                passed = new ChatSoak(settings, server, group).run();
            } catch (IOException e) { // the server stopped answering
                e.printStackTrace();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
            passed &= server.stop();
        }
        passed &= ServerLog.summarize(serverLog);
        if (passed) {
            Files.delete(serverLog);
        } else {
            System.out.println("server log kept: " + serverLog);
        }
        System.out.printf(Locale.ROOT, "%s in %.0f s%n", passed ? "PASS" : "FAIL", (System.nanoTime() - start) / 1e9);
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        List<SoakRoom> rooms = plan();
        ServerProcess.Memory idle = server.memory();
        long connectStart = System.nanoTime();
        int failed = connectAll();
        boolean joined = await(60, () -> clients.stream().allMatch(SoakClient::joined));
        System.out.printf(Locale.ROOT, "connect: %,d connections in %.1f s (%d handshakes at a time), %d failed, all "
                        + "joined their room: %s%n", settings.connections - failed,
                (System.nanoTime() - connectStart) / 1e9, CONNECTS_IN_FLIGHT, failed, joined);
        ServerProcess.Memory connected = server.memory();
        SoakMemory memory = new SoakMemory(idle, connected, settings.connections);
        memory.printConnected();
        if (failed > 0 || !joined) {
            return false;
        }

        server.resetPeak();
        long mustDropAfter = KernelTcp.sendBufferMax() + 2L * RECEIVE_BUFFER + OUTPUT_LIMIT + 2 * MIB;
        long serverCpuAtStart = server.cpuNanos();
        long clientCpuAtStart = clientCpuNanos();
        long runStart = System.nanoTime();
        startRoles(mustDropAfter);
        long kernelPeak = watch(rooms);
        onLoop(() -> clients.forEach(SoakClient::stopSending));
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        onLoop(() -> clients.forEach(SoakClient::resume));
        boolean settled = await(60, () -> clients.stream().allMatch(c -> !c.open() || c.missing() == 0));
        SoakTally[] counted = new SoakTally[1];
        onLoop(() -> counted[0] = new SoakTally(clients, OUTPUT_LIMIT, mustDropAfter));
        SoakTally tally = counted[0];
        System.out.printf(Locale.ROOT, "run:     %.1f s: %,d messages sent (%,d to the busy room), %,d received by "
                        + "all clients, %,.0f messages/s; CPU: server %.1f s, clients %.1f s; settled after: %s%n",
                runSeconds, rooms.stream().mapToLong(SoakRoom::messagesSent).sum(), rooms.get(0).messagesSent(),
                tally.receivedByAll, tally.receivedByAll / runSeconds, (server.cpuNanos() - serverCpuAtStart) / 1e9,
                (clientCpuNanos() - clientCpuAtStart) / 1e9, settled);
        tally.print(OUTPUT_LIMIT, mustDropAfter);
        boolean serverAgrees = awaitServerSockets(idle.sockets() < 0 ? -1 : idle.sockets() + tally.open);
        System.out.printf(Locale.ROOT, "server:  holds %,d connections for the %,d clients still open: %s; kernel TCP "
                + "buffers (whole machine) at their peak %s%n", server.sockets() - idle.sockets(), tally.open,
                serverAgrees ? "agrees" : "DISAGREES", mib(kernelPeak));

        ServerProcess.Memory end = server.memory();
        server.resetPeak();
        onLoop(() -> clients.stream().filter(SoakClient::open).forEach(SoakClient::close));
        boolean allClosed = awaitServerSockets(idle.sockets());
        ServerProcess.Memory disconnected = server.memory();
        ServerProcess.Memory after = settledMemory(disconnected);
        boolean bounded = memory.printEnd(end, tally.open, tally.slow * OUTPUT_LIMIT, disconnected, after) && allClosed;

        boolean nothingLost = tally.nothingLost() && settled;
        boolean rightlyDropped = tally.noneWronglyDropped() && tally.slowNotDropped == 0 && serverAgrees;
        System.out.printf("verdict: nothing lost: %s; no client wrongly dropped or kept: %s; server memory "
                + "bounded: %s%n", nothingLost, rightlyDropped, bounded);
        return nothingLost && rightlyDropped && bounded;
    }

    /** The server's memory once it has worked off what the last disconnections queued: two readings 1 MiB apart. */
    private ServerProcess.Memory settledMemory(ServerProcess.Memory first) throws IOException {
        ServerProcess.Memory last = first;
        for (int i = 0; i < 10; i++) {
            ServerProcess.Memory next = server.memory();
            if (Math.abs(next.heap() - last.heap()) < MIB) {
                return next;
            }
            last = next;
        }
        return last;
    }

    /** Rooms, and every client's room and role: senders first in each room, then slow readers in the busy one. */
    private List<SoakRoom> plan() {
        List<SoakRoom> rooms = new ArrayList<>();
        List<Role[]> roles = new ArrayList<>();
        List<int[]> readers = new ArrayList<>(); // {room, member} of every plain reader
        for (int r = 0; r < settings.rooms; r++) {
            int members = settings.connections / settings.rooms + (r < settings.connections % settings.rooms ? 1 : 0);
            boolean busy = r == 0;
            int senders = Math.max(1, Math.min(busy ? BUSY_SENDERS : QUIET_SENDERS, members / 4));
            int slow = busy ? (int) Math.min(Math.round(settings.connections * settings.slowShare),
                    (members - senders) / 2) : 0;
            Role[] roomRoles = new Role[members];
            for (int m = 0; m < members; m++) {
                roomRoles[m] = m < senders ? Role.SENDER : m < senders + slow ? Role.SLOW : Role.READER;
                if (roomRoles[m] == Role.READER) {
                    readers.add(new int[] {r, m});
                }
            }
            rooms.add(new SoakRoom("room-" + r, busy, senders));
            roles.add(roomRoles);
        }
        Collections.shuffle(readers, random);
        int abrupt = (int) Math.min(Math.round(settings.connections * settings.abruptShare), readers.size() / 2);
        for (int[] reader : readers.subList(0, abrupt)) {
            roles.get(reader[0])[reader[1]] = Role.ABRUPT;
        }
        for (int r = 0; r < rooms.size(); r++) {
            Role[] roomRoles = roles.get(r);
            for (int m = 0; m < roomRoles.length; m++) {
                clients.add(new SoakClient(rooms.get(r), roomRoles[m], roomRoles[m] == Role.SENDER ? m : -1));
            }
        }
        return rooms;
    }

    /** Opens every client's connection, at most {@link #CONNECTS_IN_FLIGHT} handshakes at a time; returns failures. */
    private int connectAll() throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER);
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < clients.size(); i++) {
            SoakClient client = clients.get(i);
            URI uri = URI.create("ws://127.0.0.1:" + PORT + "/chat?name=c" + i + "&room=" + client.room.name);
            inFlight.acquire();
            EchoLoad.open(bootstrap, WebSocketClientConfig.builder(uri).build(), PORT, client).addListener(open -> {
                if (!open.isSuccess()) {
                    failed.incrementAndGet();
                    System.err.println("connection failed: " + open.cause());
                }
                inFlight.release();
            });
        }
        inFlight.acquire(CONNECTS_IN_FLIGHT);
        return failed.get();
    }

    private void startRoles(long mustDropAfter) {
        long runMillis = settings.seconds * 1000L;
        for (SoakClient client : clients) {
            switch (client.role) {
                case SENDER:
                    long interval = client.room.busy ? BUSY_INTERVAL_MILLIS : QUIET_INTERVAL_MILLIS;
                    client.at(random.nextInt((int) interval), () -> client.startSending(interval));
                    break;
                case SLOW:
                    client.at(random.nextInt((int) runMillis / 2), () -> client.stall(mustDropAfter, 100));
                    break;
                case ABRUPT:
                    client.at(random.nextInt((int) runMillis), client::resetAbruptly);
                    break;
                default:
                    break;
            }
        }
    }

    /** Waits out the run, printing progress every 10 s; returns the kernel's TCP buffer memory at its peak. */
    private long watch(List<SoakRoom> rooms) throws Exception {
        long kernelPeak = 0;
        long runStart = System.nanoTime();
        long nextReport = 10;
        for (long elapsed = 0; elapsed < settings.seconds * 1000L; ) {
            Thread.sleep(Math.min(250, settings.seconds * 1000L - elapsed));
            elapsed = (System.nanoTime() - runStart) / 1_000_000;
            kernelPeak = Math.max(kernelPeak, KernelTcp.memory());
            if (elapsed / 1000 >= nextReport) {
                nextReport += 10;
                long[] counts = new long[3];
                onLoop(() -> clients.forEach(c -> {
                    counts[0] += c.received();
                    counts[1] += c.dropped() ? 1 : 0;
                    counts[2] += c.open() ? 1 : 0;
                }));
                System.out.printf(Locale.ROOT, "  %3d s: %,d messages sent, %,d received, %,d clients open, %,d "
                                + "dropped by the server, kernel TCP memory %s%n", elapsed / 1000,
                        rooms.stream().mapToLong(SoakRoom::messagesSent).sum(), counts[0], counts[2], counts[1],
                        mib(KernelTcp.memory()));
            }
        }
        return kernelPeak;
    }

    /** Runs {@code action} on the clients' event loop, where it sees every client's state as it is, and waits. */
    private void onLoop(Runnable action) throws InterruptedException {
        group.next().submit(action).sync(); // one thread: next() is always the same loop
    }

    private boolean await(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        boolean[] met = new boolean[1];
        while (true) {
            onLoop(() -> met[0] = condition.getAsBoolean());
            if (met[0] || System.nanoTime() > deadline) {
                return met[0];
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the server holds {@code expected} sockets; true at once where it cannot count them (no /proc). */
    private boolean awaitServerSockets(long expected) throws Exception {
        if (expected < 0) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.sockets() != expected) {
            if (System.nanoTime() > deadline) {
                System.out.printf("the server holds %d sockets, expected %d%n", server.sockets(), expected);
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
