package io.github.wsline.bench;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
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
 * Decoding client (masked) frames on the server: wsline's {@link FrameDecoder} against Netty's
 * {@link WebSocket13FrameDecoder} followed by its {@link Utf8FrameValidator} (Netty's server pipeline validates text
 * with that handler; wsline's decoder does it inside). Small frames arrive many to a 16 KiB read; frames larger than
 * a read arrive across 16 KiB reads. Every read is a fresh pooled direct buffer, as from a socket, for both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class DecodeBenchmark {
    private static final int READ_SIZE = 16 * 1024;

    @Param({"16", "125", "1024", "65536", "1048576"})
    public int payloadSize;

    @Param({"TEXT", "BINARY"})
    public String type;

    private byte[] input;
    private EmbeddedChannel wsline;
    private EmbeddedChannel netty;

    @Setup
    public void setUp() {
        boolean text = type.equals("TEXT");
        byte[] frame = Payloads.clientFrame(text ? 1 : 2, text ? Payloads.text(payloadSize) : Payloads.binary(payloadSize));
        input = Payloads.repeat(frame, Math.max(1, READ_SIZE / frame.length));
        int limit = 2 << 20;
        wsline = new EmbeddedChannel(new FrameDecoder(
                WebSocketConfig.builder().maxFramePayloadLength(limit).maxMessageSize(limit).build()));
        netty = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).maxFramePayloadLength(limit).build()), new Utf8FrameValidator());
    }

    @TearDown
    public void tearDown() {
        wsline.finishAndReleaseAll();
        netty.finishAndReleaseAll();
    }

    @Benchmark
    public void wsline(FrameCounters counters) {
        decode(wsline, counters);
    }

    @Benchmark
    public void netty(FrameCounters counters) {
        decode(netty, counters);
    }

    private void decode(EmbeddedChannel channel, FrameCounters counters) {
        for (int offset = 0; offset < input.length; offset += READ_SIZE) {
            int length = Math.min(READ_SIZE, input.length - offset);
            ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(length);
            channel.writeInbound(read.writeBytes(input, offset, length));
        }
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            counters.frames++;
            counters.bytes += frame.content().readableBytes();
            frame.release();
        }
    }
}
