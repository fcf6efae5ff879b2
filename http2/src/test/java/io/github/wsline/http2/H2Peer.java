package io.github.wsline.http2;

import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.WireFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client on an {@link EmbeddedChannel} (Netty's {@link Http2FrameCodec}, no multiplexing), wired to a
 * server's {@code EmbeddedChannel}: {@link #exchange()} carries the bytes each side wrote to the other until both are
 * quiet. It plays a WebSocket client on its streams, masking its frames, and notes what came back on each stream.
 */
final class H2Peer {
    static final int MASK_KEY = 0x37fa213d;

    final EmbeddedChannel server;
    final EmbeddedChannel client;
    private final Recorder recorder = new Recorder();
    private final Http2FrameCodec clientCodec;
    private final List<Object> received = new ArrayList<>();
    /** Whether DATA read is given back to the server's window at once; a slow reader gives nothing back. */
    private boolean returnWindow = true;

    H2Peer(ChannelHandler serverInitializer) {
        this(serverInitializer, Http2Settings.defaultSettings());
    }

    H2Peer(ChannelHandler serverInitializer, Http2Settings clientSettings) {
        server = new EmbeddedChannel();
        server.freezeTime(); // timeouts run when a test advances the clock, never by themselves
        server.pipeline().addLast(serverInitializer);
        clientCodec = Http2FrameCodecBuilder.forClient().initialSettings(clientSettings).build();
        client = new EmbeddedChannel(clientCodec, recorder);
        exchange();
    }

    /** The server's SETTINGS, as the client read them. */
    Http2Settings serverSettings() {
        return received.stream().filter(Http2SettingsFrame.class::isInstance).map(Http2SettingsFrame.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("No SETTINGS from the server.")).settings();
    }

    /** Opens a stream with {@code headers} (not ending it), and exchanges. */
    Http2FrameStream open(Http2Headers headers) {
        return open(headers, true);
    }

    /** Opens a stream; without {@code exchange}, what is sent next goes out with the request. */
    Http2FrameStream open(Http2Headers headers, boolean exchange) {
        return open(headers, exchange, false);
    }

    /** Opens a stream, ending it at once with {@code endStream}. */
    Http2FrameStream open(Http2Headers headers, boolean exchange, boolean endStream) {
        Http2FrameStream stream = recorder.newStream();
        client.writeAndFlush(new DefaultHttp2HeadersFrame(headers, endStream).stream(stream));
        if (exchange) {
            exchange();
        }
        return stream;
    }

    /** An extended CONNECT for a WebSocket on {@code path}, as RFC 8441 §5's example: version 13, on h2c. */
    static Http2Headers webSocketRequest(String path) {
        return new DefaultHttp2Headers()
                .method("CONNECT")
                .set(":protocol", "websocket")
                .scheme("http")
                .path(path)
                .authority("server.example.com")
                .set("sec-websocket-version", "13");
    }

    /** Sends WebSocket frames, masked as a client must (RFC 6455 §5.3), in one DATA frame. */
    void send(Http2FrameStream stream, Frame... frames) {
        sendBytes(stream, false, frames);
    }

    void sendBytes(Http2FrameStream stream, boolean endStream, Frame... frames) {
        sendRaw(stream, endStream, bytesOf(frames));
    }

    /** Sends bytes as they are, in one DATA frame. */
    void sendRaw(Http2FrameStream stream, boolean endStream, byte[] bytes) {
        client.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes), endStream).stream(stream));
        exchange();
    }

    /** The frames' bytes, masked as a client's. */
    static byte[] bytesOf(Frame... frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            bytes.writeBytes(frame.toBytes(MASK_KEY));
        }
        return bytes.toByteArray();
    }

    void reset(Http2FrameStream stream) {
        client.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(stream));
        exchange();
    }

    void returnWindow(boolean returnWindow) {
        this.returnWindow = returnWindow;
    }

    /** Gives {@code bytes} back to the server's window on {@code stream}, as a reader that caught up. */
    void consume(Http2FrameStream stream, int bytes) {
        client.writeAndFlush(new DefaultHttp2WindowUpdateFrame(bytes).stream(stream));
        exchange();
    }

    /** How many more bytes the server lets the client send on a stream: its flow-control window. */
    int windowTowardServer(Http2FrameStream stream) {
        Http2Connection connection = clientCodec.connection();
        return connection.remote().flowController().windowSize(connection.stream(stream.id()));
    }

    /** The response HEADERS on a stream. */
    Http2Headers responseHeaders(Http2FrameStream stream) {
        return frames(stream, Http2HeadersFrame.class).stream().findFirst()
                .orElseThrow(() -> new AssertionError("No response on stream " + stream.id() + ": " + received))
                .headers();
    }

    /** The status of the response on a stream. */
    String status(Http2FrameStream stream) {
        return responseHeaders(stream).status().toString();
    }

    /** The bytes of every DATA frame the server sent on a stream. */
    byte[] data(Http2FrameStream stream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frames(stream, ReceivedData.class).forEach(data -> bytes.writeBytes(data.bytes()));
        return bytes.toByteArray();
    }

    /** The WebSocket frames the server sent on a stream, parsed by test-support's reference reader. */
    List<Frame> webSocketFrames(Http2FrameStream stream) {
        return WireFrames.parse(data(stream));
    }

    boolean endedStream(Http2FrameStream stream) {
        return frames(stream, ReceivedData.class).stream().anyMatch(ReceivedData::endStream);
    }

    /** The error codes of the RST_STREAM frames the server sent on a stream. */
    List<Long> resets(Http2FrameStream stream) {
        return frames(stream, Http2ResetFrame.class).stream().map(Http2ResetFrame::errorCode).toList();
    }

    void advanceTimeBy(long amount, TimeUnit unit) {
        server.advanceTimeBy(amount, unit);
        server.runScheduledPendingTasks();
        exchange();
    }

    /** Carries bytes both ways until neither side has anything more to send. */
    void exchange() {
        boolean moved = true;
        while (moved) {
            server.runPendingTasks();
            client.runPendingTasks();
            moved = carry(server, client) | carry(client, server);
        }
    }

    /** Closes both sides; what either still holds is released. */
    void finish() {
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    @Override
    public String toString() {
        return "H2Peer received " + received;
    }

    private static boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (Object msg; (msg = from.readOutbound()) != null; ) {
            moved = true;
            if (to.isActive()) {
                to.writeInbound(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
        return moved;
    }

    private <T extends Http2StreamFrame> List<T> frames(Http2FrameStream stream, Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast)
                .filter(frame -> frame.stream() != null && frame.stream().id() == stream.id()).toList();
    }

    /** A DATA frame's bytes, copied so the buffer can go back at once. */
    private record ReceivedData(Http2FrameStream stream, byte[] bytes, boolean endStream) implements Http2StreamFrame {
        @Override
        public Http2StreamFrame stream(Http2FrameStream stream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String name() {
            return "DATA";
        }
    }

    /** Notes what the server sent; a {@link Http2ChannelDuplexHandler} so that it can open streams. */
    private final class Recorder extends Http2ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2DataFrame data) {
                received.add(new ReceivedData(data.stream(), ByteBufUtil.getBytes(data.content()), data.isEndStream()));
                if (returnWindow && data.initialFlowControlledBytes() > 0) {
                    ctx.writeAndFlush(
                            new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(data.stream()));
                }
                data.release();
            } else {
                received.add(msg);
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            received.add(event);
        }
    }
}
