package io.github.wsline.bench;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.FrameEncoder;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.util.ArrayList;
import java.util.List;
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
 * One chat message to 1,000 connections. wsline encodes the frame once ({@link FrameEncoder#encodeUnmasked})
 * and writes a retained duplicate of the same bytes to each; Netty's way, as {@code ChannelGroup.writeAndFlush}
 * does it, writes a duplicate of the frame to each, which each channel's encoder encodes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class BroadcastBenchmark {
    private static final int RECEIVERS = 1000;

    @Param({"100", "4096"})
    public int payloadSize;

    private ByteBuf payload;
    private final List<EmbeddedChannel> wsline = new ArrayList<>();
    private final List<EmbeddedChannel> netty = new ArrayList<>();

    @Setup
    public void setUp() {
        payload = PooledByteBufAllocator.DEFAULT.directBuffer(payloadSize).writeBytes(Payloads.text(payloadSize));
        for (int i = 0; i < RECEIVERS; i++) {
            wsline.add(new EmbeddedChannel(new WebSocketConnectionHandler(WebSocketConfig.builder().build())));
            netty.add(new EmbeddedChannel(new WebSocket13FrameEncoder(false)));
        }
    }

    @TearDown
    public void tearDown() {
        payload.release();
        wsline.forEach(EmbeddedChannel::finishAndReleaseAll);
        netty.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Benchmark
    public long wsline() {
        ByteBuf frame = FrameEncoder.encodeUnmasked(PooledByteBufAllocator.DEFAULT,
                new TextWebSocketFrame(payload.retainedDuplicate()));
        for (EmbeddedChannel channel : wsline) {
            channel.writeAndFlush(frame.retainedDuplicate());
        }
        frame.release();
        return drain(wsline);
    }

    @Benchmark
    public long netty() {
        TextWebSocketFrame frame = new TextWebSocketFrame(payload.retainedDuplicate());
        for (EmbeddedChannel channel : netty) {
            channel.writeAndFlush(frame.retainedDuplicate());
        }
        frame.release();
        return drain(netty);
    }

    private static long drain(List<EmbeddedChannel> channels) {
        long bytes = 0;
        for (EmbeddedChannel channel : channels) {
            for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
                bytes += out.readableBytes();
                out.release();
            }
        }
        return bytes;
    }
}
