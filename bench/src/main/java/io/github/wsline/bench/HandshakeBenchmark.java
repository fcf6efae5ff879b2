package io.github.wsline.bench;

import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The opening handshake on a new channel: a browser's upgrade request in, the 101 out, the pipeline switched to
 * WebSocket. wsline's {@link WebSocketUpgradeHandler} against Netty's {@link WebSocketServerProtocolHandler} (behind
 * the {@link HttpObjectAggregator} it requires).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class HandshakeBenchmark {
    private static final byte[] REQUEST = ("GET /ws HTTP/1.1\r\n"
            + "Host: localhost:8080\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Origin: http://localhost:8080\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private final WebSocketServerConfig config = WebSocketServerConfig.builder()
            .route("/ws", ChannelInboundHandlerAdapter::new)
            .build();

    @Benchmark
    public int wsline() {
        return handshake(new EmbeddedChannel(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config)));
    }

    @Benchmark
    public int netty() {
        return handshake(new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192),
                new WebSocketServerProtocolHandler("/ws")));
    }

    private static int handshake(EmbeddedChannel channel) {
        channel.writeInbound(PooledByteBufAllocator.DEFAULT.directBuffer(REQUEST.length).writeBytes(REQUEST));
        int written = 0;
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            written += out.readableBytes();
            out.release();
        }
        channel.finishAndReleaseAll();
        if (written == 0) {
            throw new IllegalStateException("no 101");
        }
        return written;
    }
}
