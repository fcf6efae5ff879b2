package io.github.wsline.bench;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.FrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
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
 * Encoding server (unmasked) frames: wsline's {@link FrameEncoder} against Netty's
 * {@link WebSocket13FrameEncoder}: an operation writes {@value #FRAMES_PER_FLUSH} frames with the channel's void
 * promise and flushes once, so that the embedded channel's own cost per flush does not hide the encoders'. Each
 * payload is a pooled direct buffer, as an application would write it; what the encoder emits is counted and
 * released.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class EncodeBenchmark {
    /** A server answering a read, or relaying a burst, writes several frames and flushes once. */
    private static final int FRAMES_PER_FLUSH = 16;

    @Param({"16", "125", "1024", "65536", "1048576"})
    public int payloadSize;

    @Param({"TEXT", "BINARY"})
    public String type;

    private ByteBuf payload;
    private EmbeddedChannel wsline;
    private EmbeddedChannel netty;

    @Setup
    public void setUp() {
        byte[] bytes = type.equals("TEXT") ? Payloads.text(payloadSize) : Payloads.binary(payloadSize);
        payload = PooledByteBufAllocator.DEFAULT.directBuffer(payloadSize).writeBytes(bytes);
        wsline = new EmbeddedChannel(new FrameEncoder(WebSocketConfig.builder().build()));
        netty = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
    }

    @TearDown
    public void tearDown() {
        payload.release();
        wsline.finishAndReleaseAll();
        netty.finishAndReleaseAll();
    }

    @Benchmark
    public void wsline(FrameCounters counters) {
        encode(wsline, counters);
    }

    @Benchmark
    public void netty(FrameCounters counters) {
        encode(netty, counters);
    }

    private void encode(EmbeddedChannel channel, FrameCounters counters) {
        boolean text = type.equals("TEXT");
        for (int i = 0; i < FRAMES_PER_FLUSH; i++) {
            ByteBuf content = payload.retainedDuplicate();
            channel.write(text ? new TextWebSocketFrame(content) : new BinaryWebSocketFrame(content), channel.voidPromise());
        }
        channel.flush();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            counters.bytes += out.readableBytes();
            out.release();
        }
        counters.frames += FRAMES_PER_FLUSH;
    }
}
