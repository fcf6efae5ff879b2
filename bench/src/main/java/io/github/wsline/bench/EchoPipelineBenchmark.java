package io.github.wsline.bench;

import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole echo server's pipeline after a real opening handshake, without a network: one read carrying
 * {@code framesPerRead} masked text frames goes in, the echoes come out. wsline's pipeline against Netty's standard
 * one (the same as {@link EchoLoad}'s servers), to tell the server's cost from the client's and the kernel's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class EchoPipelineBenchmark {
    private static final byte[] UPGRADE = ("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    @Param({"64", "1024"})
    public int payloadSize;

    @Param({"1", "8"})
    public int framesPerRead;

    private byte[] read;
    private EmbeddedChannel wsline;
    private EmbeddedChannel netty;

    @Setup
    public void setUp() {
        read = Payloads.repeat(Payloads.clientFrame(1, Payloads.text(payloadSize)), framesPerRead);
        WebSocketServerConfig config = WebSocketServerConfig.builder().route("/echo", EchoServers.Echo::new).build();
        wsline = upgraded(new EmbeddedChannel(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config)));
        WebSocketServerProtocolConfig nettyConfig = WebSocketServerProtocolConfig.newBuilder().websocketPath("/echo").build();
        netty = upgraded(new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192),
                new WebSocketServerProtocolHandler(nettyConfig), new WebSocketFrameAggregator(1 << 20), new EchoServers.Echo()));
    }

    private static EmbeddedChannel upgraded(EmbeddedChannel channel) {
        channel.writeInbound(PooledByteBufAllocator.DEFAULT.buffer().writeBytes(UPGRADE));
        if (EmbeddedExchange.drain(channel) == 0) {
            throw new IllegalStateException("no 101");
        }
        return channel;
    }

    @TearDown
    public void tearDown() {
        wsline.finishAndReleaseAll();
        netty.finishAndReleaseAll();
    }

    @Benchmark
    public long wsline() {
        return EmbeddedExchange.exchange(wsline, read);
    }

    @Benchmark
    public long netty() {
        return EmbeddedExchange.exchange(netty, read);
    }
}
