package io.github.wsline.bench;

import io.github.wsline.handshake.PerMessageDeflateNegotiator;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * permessage-deflate (RFC 7692) on chat-like JSON, through each implementation's whole server pipeline after a real
 * handshake that negotiated it, level 6, with or without context takeover both ways. {@code inflate}: a read of
 * eight compressed client messages goes in and is consumed; {@code echo}: the same read, and the eight messages are
 * compressed again and written back, so echo minus inflate is the cost of compressing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class DeflateBenchmark {
    private static final int MESSAGES_PER_READ = 8;
    private static final String NO_CONTEXT_TAKEOVER =
            "permessage-deflate; client_no_context_takeover; server_no_context_takeover";

    @Param({"256", "4096"})
    public int payloadSize;

    /** Without (the default of wsline) or with (the default of Netty) context takeover, both ways, for both. */
    @Param({"false", "true"})
    public boolean contextTakeover;

    private byte[] read;
    private EmbeddedChannel wslineInflate;
    private EmbeddedChannel wslineEcho;
    private EmbeddedChannel nettyInflate;
    private EmbeddedChannel nettyEcho;

    @Setup
    public void setUp() {
        read = Payloads.repeat(Payloads.compressedClientFrame(Payloads.text(payloadSize)), MESSAGES_PER_READ);
        wslineInflate = wsline(Sink::new);
        wslineEcho = wsline(EchoServers.Echo::new);
        nettyInflate = netty(new Sink());
        nettyEcho = netty(new EchoServers.Echo());
        checkEveryMessageArrivesWhole(wslineInflate);
        checkEveryMessageArrivesWhole(nettyInflate);
    }

    /** Both must do the whole work: every message inflated to its original text. */
    private void checkEveryMessageArrivesWhole(EmbeddedChannel channel) {
        Sink sink = channel.pipeline().get(Sink.class);
        sink.messages = 0;
        exchange(channel);
        if (sink.messages != MESSAGES_PER_READ || sink.lastLength != payloadSize) {
            throw new IllegalStateException(sink.messages + " messages of " + sink.lastLength + " bytes arrived");
        }
    }

    private EmbeddedChannel wsline(Supplier<ChannelHandler> handler) {
        WebSocketServerConfig config = WebSocketServerConfig.builder().route("/ws", handler)
                .extensions(PerMessageDeflateNegotiator.builder()
                        .serverNoContextTakeover(!contextTakeover).clientNoContextTakeover(!contextTakeover).build())
                .build();
        return upgraded(new EmbeddedChannel(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config)));
    }

    private EmbeddedChannel netty(ChannelHandler handler) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder().websocketPath("/ws")
                .allowExtensions(true).build();
        PerMessageDeflateServerExtensionHandshaker deflate = new PerMessageDeflateServerExtensionHandshaker(
                6, false, 15, true, !contextTakeover);
        return upgraded(new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192),
                new WebSocketServerExtensionHandler(deflate), new WebSocketServerProtocolHandler(config),
                new WebSocketFrameAggregator(1 << 20), handler));
    }

    private EmbeddedChannel upgraded(EmbeddedChannel channel) {
        String request = "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: " + (contextTakeover ? "permessage-deflate" : NO_CONTEXT_TAKEOVER) + "\r\n\r\n";
        channel.writeInbound(PooledByteBufAllocator.DEFAULT.buffer().writeBytes(request.getBytes(StandardCharsets.US_ASCII)));
        StringBuilder response = new StringBuilder();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            response.append(out.toString(StandardCharsets.US_ASCII));
            out.release();
        }
        boolean negotiated = response.toString().startsWith("HTTP/1.1 101") && response.toString().contains("permessage-deflate")
                && response.toString().contains("server_no_context_takeover") != contextTakeover;
        if (!negotiated) {
            throw new IllegalStateException("permessage-deflate was not negotiated:\n" + response);
        }
        return channel;
    }

    @TearDown
    public void tearDown() {
        for (EmbeddedChannel channel : new EmbeddedChannel[] {wslineInflate, wslineEcho, nettyInflate, nettyEcho}) {
            channel.finishAndReleaseAll();
        }
    }

    @Benchmark
    public long wslineInflate() {
        return exchange(wslineInflate);
    }

    @Benchmark
    public long nettyInflate() {
        return exchange(nettyInflate);
    }

    @Benchmark
    public long wslineEcho() {
        return exchange(wslineEcho);
    }

    @Benchmark
    public long nettyEcho() {
        return exchange(nettyEcho);
    }

    private long exchange(EmbeddedChannel channel) {
        return EmbeddedExchange.exchange(channel, read);
    }

    /** Consumes every message: what is measured is getting it out of the wire format. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        int messages;
        int lastLength;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame) {
                messages++;
                lastLength = ((TextWebSocketFrame) msg).content().readableBytes();
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
