package io.github.wsline.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * One implementation's echo servers in a JVM of their own, for {@link EchoLoad}: a server sharing the client's JVM
 * would share its JIT profiles too (wsline's client and server run the same classes), which penalises whichever
 * implementation the client is built from. Args: {@code wsline|netty PLAIN_PORT DEFLATE_PORT}. Prints "ready" once
 * listening; answers the line "memory" with its heap in use after GC and Netty's direct memory; exits when its
 * standard input closes.
 */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    /** Heap in use after a full GC, plus the direct memory Netty holds: "heapBytes directBytes". */
    private static String usedMemory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) + " " + PlatformDependent.usedDirectMemory();
    }

    public static void main(String[] args) throws Exception {
        boolean wsline = args[0].equals("wsline");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            int plain = Integer.parseInt(args[1]);
            int deflate = Integer.parseInt(args[2]);
            if (wsline) {
                EchoServers.wsline(group, plain, false);
                EchoServers.wsline(group, deflate, true);
            } else {
                EchoServers.netty(group, plain, false);
                EchoServers.netty(group, deflate, true);
            }
            System.out.println("ready");
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String command; (command = commands.readLine()) != null; ) { // until the driver closes our stdin
                if (command.equals("memory")) {
                    System.out.println(usedMemory());
                    System.out.flush();
                }
            }
        } finally {
            group.shutdownGracefully().syncUninterruptibly();
        }
    }
}
