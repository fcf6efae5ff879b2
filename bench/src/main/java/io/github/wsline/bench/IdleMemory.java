package io.github.wsline.bench;

import io.github.wsline.handshake.PerMessageDeflateClientNegotiator;
import io.github.wsline.handshake.WebSocketClientConfig;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Server memory per idle WebSocket connection: each implementation's echo server ({@link EchoServerMain}) in a JVM of
 * its own reports its heap after GC plus Netty's direct memory, before and after N connections have completed the
 * opening handshake and sit idle; plain, and with permessage-deflate negotiated.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.wsline.bench.IdleMemory [connections]</pre>
 */
public final class IdleMemory {
    private IdleMemory() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            System.out.printf("%,d idle connections per run, %s%n", connections, Runtime.version());
            for (String implementation : List.of("wsline", "netty")) {
                for (boolean deflate : List.of(false, true)) {
                    Process server = EchoLoad.startServer(implementation, 18091, 18092);
                    try {
                        measure(server, implementation, deflate, deflate ? 18092 : 18091, connections, clients);
                    } finally {
                        server.getOutputStream().close();
                        server.waitFor();
                    }
                }
            }
        } finally {
            clients.shutdownGracefully().syncUninterruptibly();
        }
    }

    private static void measure(Process server, String implementation, boolean deflate, int port, int connections,
            EventLoopGroup clients) throws Exception {
        BufferedReader replies = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
        PrintStream commands = new PrintStream(server.getOutputStream(), true, StandardCharsets.US_ASCII);
        long[] before = memory(commands, replies);
        List<Channel> channels = new ArrayList<>();
        WebSocketClientConfig.Builder config = WebSocketClientConfig.builder(URI.create("ws://127.0.0.1:" + port + "/echo"));
        if (deflate) {
            config.extensions(PerMessageDeflateClientNegotiator.builder().build());
        }
        WebSocketClientConfig clientConfig = config.build();
        for (int i = 0; i < connections; i++) {
            channels.add(EchoLoad.connect(clients, clientConfig, port));
        }
        long[] after = memory(commands, replies);
        System.out.printf(Locale.ROOT, "%-7s %-10s heap %,7.0f B/connection, direct %,7.0f B/connection%n",
                implementation, deflate ? "deflate" : "plain", (after[0] - before[0]) / (double) connections,
                (after[1] - before[1]) / (double) connections);
        for (Channel channel : channels) {
            channel.close().sync();
        }
    }

    private static long[] memory(PrintStream commands, BufferedReader replies) throws Exception {
        commands.println("memory");
        String[] fields = replies.readLine().split(" ");
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    }
}
