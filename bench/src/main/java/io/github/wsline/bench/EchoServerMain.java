package io.github.wsline.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * One implementation's echo servers in a JVM of their own, for {@link EchoLoad} and {@link IdleMemory}: a server
 * sharing the client's JVM would share its JIT profiles too (wsline's client and server run the same classes), which
 * penalises whichever implementation the client is built from. Args: {@code wsline|netty PLAIN_PORT DEFLATE_PORT}.
 * Prints "ready" once listening, then answers {@link ServerCommands} until its standard input closes.
 */
public final class EchoServerMain {
    private EchoServerMain() {
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
            ServerCommands.answerUntilClosed();
        } finally {
            group.shutdownGracefully().syncUninterruptibly();
        }
    }
}
