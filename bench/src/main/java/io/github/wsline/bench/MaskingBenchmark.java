package io.github.wsline.bench;

import io.github.wsline.codec.internal.Masking;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
 * The unmasking loop against the machine's memory bandwidth, on 1 MiB payloads in pooled direct buffers:
 * {@code unmask} XORs a payload in place, {@code copy} copies another buffer into it (the JDK's {@code memcpy}):
 * both read 1 MiB and write 1 MiB. {@code buffers} = 1 keeps the bytes in cache; 64 cycles through 64 MiB or more,
 * beyond the caches, so every operation goes to memory.
 *
 * <pre>java -jar bench/target/benchmarks.jar MaskingBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class MaskingBenchmark {
    private static final int PAYLOAD = 1 << 20;

    @Param({"1", "64"})
    public int buffers;

    private ByteBuf[] payloads;
    /** What {@code copy} copies into each payload: as many buffers again, so that it reads from memory too. */
    private ByteBuf[] sources;
    private int next;

    @Setup
    public void setUp() {
        payloads = new ByteBuf[buffers];
        sources = new ByteBuf[buffers];
        for (int i = 0; i < buffers; i++) {
            payloads[i] = PooledByteBufAllocator.DEFAULT.directBuffer(PAYLOAD).writeZero(PAYLOAD);
            sources[i] = PooledByteBufAllocator.DEFAULT.directBuffer(PAYLOAD).writeZero(PAYLOAD);
        }
    }

    @TearDown
    public void tearDown() {
        for (int i = 0; i < buffers; i++) {
            payloads[i].release();
            sources[i].release();
        }
    }

    /** Operations per second times 1 MiB is the bandwidth. */
    @Benchmark
    public ByteBuf unmask() {
        ByteBuf payload = payloads[advance()];
        Masking.apply(payload, 0, PAYLOAD, 0x37fa213d, 0);
        return payload;
    }

    @Benchmark
    public ByteBuf copy() {
        int i = advance();
        return payloads[i].setBytes(0, sources[i], 0, PAYLOAD);
    }

    private int advance() {
        int current = next;
        next = current + 1 == buffers ? 0 : current + 1;
        return current;
    }
}
