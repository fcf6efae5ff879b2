package io.github.wsline.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.handshake.PerMessageDeflateClientNegotiator;
import io.github.wsline.handshake.WebSocketClientConfig;
import io.github.wsline.handshake.WebSocketClientUpgradeHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end echo load on loopback: C connections, each keeping W messages in flight, against wsline's echo server
 * and Netty's standard websocketx pipeline, run alternately (A B A B) so that drift of the machine hits both. The
 * client is the same for both (wsline's client handshaker and codec); each implementation's servers run in a JVM of
 * their own ({@link EchoServerMain}). One event loop thread for the server, one for the clients: on a 2-core
 * machine, one core each.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.wsline.bench.EchoLoad [connections] [inFlight] [seconds] [rounds]</pre>
 *
 * Prints, per scenario (64-byte text, 256 KiB binary, 1 KiB chat-like JSON with permessage-deflate) and run:
 * messages/s, MB/s of payload, latency p50 and p99, and the server's CPU time per message. On a small machine the
 * client, not the server, is what saturates first, so messages/s measures the pair; CPU per message is the server's
 * own cost.
 */
public final class EchoLoad {
    private static final int PORT_WSLINE = 18081;
    private static final int PORT_NETTY = 18082;
    /** The same servers with permessage-deflate: wsline's negotiator, Netty's WebSocketServerCompressionHandler. */
    private static final int PORT_WSLINE_DEFLATE = 18083;
    private static final int PORT_NETTY_DEFLATE = 18084;
    /** This JVM, the load client: its CPU time per message shows what a server's replies cost the client. */
    private static final OperatingSystemMXBean CLIENT_PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private EchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerProcess wslineServer = startServer("wsline", PORT_WSLINE, PORT_WSLINE_DEFLATE);
        ServerProcess nettyServer = startServer("netty", PORT_NETTY, PORT_NETTY_DEFLATE);
        List<ServerProcess> servers = List.of(wslineServer, nettyServer);
        try {
            System.out.printf("%d connections x %d in flight, %d s per run, %d rounds, %s%n", connections, inFlight,
                    seconds, rounds, System.getProperty("java.vm.name") + " " + Runtime.version());
            List<Scenario> scenarios = List.of(new Scenario("text 64 B", false, 64, false),
                    new Scenario("binary 256 KiB", true, 256 * 1024, false),
                    new Scenario("json 1 KiB deflate", false, 1024, true));
            for (Scenario scenario : scenarios) {
                List<Integer> ports = scenario.deflate ? List.of(PORT_WSLINE_DEFLATE, PORT_NETTY_DEFLATE)
                        : List.of(PORT_WSLINE, PORT_NETTY);
                for (int port : ports) { // warm-up, not reported
                    run(clientGroup, port, port == ports.get(0) ? wslineServer : nettyServer, scenario, connections, inFlight, 3);
                }
                for (int round = 1; round <= rounds; round++) {
                    for (int port : ports) {
                        ServerProcess server = port == ports.get(0) ? wslineServer : nettyServer;
                        LoadResult result = run(clientGroup, port, server, scenario, connections, inFlight, seconds);
                        System.out.printf(Locale.ROOT, "%-18s %-7s round %d: %s%n", scenario.name,
                                port == ports.get(0) ? "wsline" : "netty", round, result);
                    }
                }
            }
        } finally {
            clientGroup.shutdownGracefully().syncUninterruptibly();
            for (ServerProcess server : servers) {
                server.close();
            }
        }
    }

    /** Opens a WebSocket to the echo server on loopback, {@code application} behind the codec, and waits for the 101. */
    static Channel connect(EventLoopGroup group, WebSocketClientConfig config, int port, ChannelHandler... application)
            throws InterruptedException {
        return open(new Bootstrap().group(group).channel(NioSocketChannel.class), config, port, application)
                .sync().getNow();
    }

    /**
     * Starts opening a WebSocket to {@code port} on loopback with a copy of {@code bootstrap} (group, channel type and
     * options set), {@code application} behind the codec; the future succeeds with the channel once the 101 is in,
     * and fails if the connection or the handshake does.
     */
    static Future<Channel> open(Bootstrap bootstrap, WebSocketClientConfig config, int port,
            ChannelHandler... application) {
        WebSocketClientUpgradeHandler handshaker = new WebSocketClientUpgradeHandler(config);
        ChannelFuture connect = bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), handshaker).addLast(application);
                    }
                })
                .connect("127.0.0.1", port);
        Promise<Channel> opened = connect.channel().eventLoop().newPromise();
        connect.addListener(connected -> {
            if (!connected.isSuccess()) {
                opened.tryFailure(connected.cause());
                return;
            }
            handshaker.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    opened.trySuccess(connect.channel());
                } else {
                    opened.tryFailure(handshake.cause());
                }
            });
        });
        return opened;
    }

    /** Starts one implementation's {@link EchoServerMain} in a JVM of its own and waits until it listens. */
    static ServerProcess startServer(String implementation, int plainPort, int deflatePort) throws Exception {
        return ServerProcess.start(List.of(), "ready", EchoServerMain.class, implementation,
                Integer.toString(plainPort), Integer.toString(deflatePort));
    }

    record Scenario(String name, boolean binary, int size, boolean deflate) {
    }

    private static LoadResult run(EventLoopGroup group, int port, ServerProcess server, Scenario scenario, int connections,
            int inFlight, int seconds) throws Exception {
        LoadResult result = new LoadResult(scenario.size);
        List<LoadConnection> handlers = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        WebSocketClientConfig.Builder builder = WebSocketClientConfig.builder(URI.create("ws://127.0.0.1:" + port + "/echo"))
                .codec(WebSocketConfig.builder().maxFramePayloadLength(EchoServers.MAX_MESSAGE)
                        .maxMessageSize(EchoServers.MAX_MESSAGE).build());
        if (scenario.deflate) {
            builder.extensions(PerMessageDeflateClientNegotiator.builder().build());
        }
        WebSocketClientConfig config = builder.build();
        for (int i = 0; i < connections; i++) {
            LoadConnection handler = new LoadConnection(scenario.binary, scenario.size, inFlight, result);
            handlers.add(handler);
            channels.add(connect(group, config, port, handler));
        }
        group.submit(() -> handlers.forEach(LoadConnection::start)).sync();
        long start = System.nanoTime();
        long serverCpuAtStart = server.cpuNanos();
        long clientCpuAtStart = CLIENT_PROCESS.getProcessCpuTime();
        Thread.sleep(seconds * 1000L);
        group.submit(() -> result.stop(System.nanoTime() - start)).sync();
        result.serverCpu(server.cpuNanos() - serverCpuAtStart);
        result.clientCpu(CLIENT_PROCESS.getProcessCpuTime() - clientCpuAtStart);
        for (Channel channel : channels) {
            channel.close().sync();
        }
        return result;
    }
}
