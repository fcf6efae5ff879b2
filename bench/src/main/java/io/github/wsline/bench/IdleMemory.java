package io.github.wsline.bench;

import io.github.wsline.handshake.PerMessageDeflateClientNegotiator;
import io.github.wsline.handshake.WebSocketClientConfig;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
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
                    try (ServerProcess server = EchoLoad.startServer(implementation, 18091, 18092)) {
                        measure(server, implementation, deflate, deflate ? 18092 : 18091, connections, clients);
                    }
                }
            }
        } finally {
            clients.shutdownGracefully().syncUninterruptibly();
        }
    }

    private static void measure(ServerProcess server, String implementation, boolean deflate, int port, int connections,
            EventLoopGroup clients) throws Exception {
        ServerProcess.Memory before = server.memory();
        List<Channel> channels = new ArrayList<>();
        WebSocketClientConfig.Builder config = WebSocketClientConfig.builder(URI.create("ws://127.0.0.1:" + port + "/echo"));
        if (deflate) {
            config.extensions(PerMessageDeflateClientNegotiator.builder().build());
        }
        WebSocketClientConfig clientConfig = config.build();
        for (int i = 0; i < connections; i++) {
            channels.add(EchoLoad.connect(clients, clientConfig, port));
        }
        ServerProcess.Memory after = server.memory();
        System.out.printf(Locale.ROOT, "%-7s %-10s heap %,7.0f B/connection, direct %,7.0f B/connection%n",
                implementation, deflate ? "deflate" : "plain", (after.heap() - before.heap()) / (double) connections,
                (after.direct() - before.direct()) / (double) connections);
        for (Channel channel : channels) {
            channel.close().sync();
        }
    }
}
