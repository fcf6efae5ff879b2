package io.github.wsline.codec;

import io.github.wsline.codec.DeflateFixtures.TrackedDeflater;
import io.github.wsline.codec.DeflateFixtures.TrackedInflater;
import io.github.wsline.codec.WebSocketConfig.Role;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.FuzzInput;
import io.github.wsline.testsupport.TrackingAllocator;
import io.github.wsline.testsupport.WireFrames;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One connection's codec, as the handshake leaves it, on an {@link EmbeddedChannel}: fed one fuzz input as the peer's
 * bytes, then checked. Anything wrong is thrown as an {@link AssertionError} (or as the exception that escaped):
 * <ul>
 *   <li>an exception reached the end of the pipeline: {@link WebSocketConnectionHandler} must turn every violation into
 *       a Close frame, and nothing else may go wrong;</li>
 *   <li>a buffer was not released once the channel was finished ({@link TrackingAllocator}: every buffer the channel
 *       allocated, and every frame payload the protocol handler wrote), or a zlib stream was not ended;</li>
 *   <li>the application received something malformed: a control frame, RSV bits, a message over the limit, a Text
 *       message that is not UTF-8 by the JDK's strict decoder, fragments out of order, or data after a Close;</li>
 *   <li>the endpoint wrote something malformed ({@link WireFrames#checkControlReplies}), did not answer each Ping
 *       with a Pong carrying its payload, or closed the channel without a Close frame (or the reverse).</li>
 * </ul>
 * The clock is frozen; after the input, it is moved past the close timeout, so that a client that answered the
 * server's Close closes the channel too.
 */
final class FuzzedEndpoint {
    /** Above {@link FrameDecoder#SLICE_THRESHOLD}, so that both ways of taking a payload are reachable. */
    static final int MAX_FRAME = 5000;
    /** Small, so that a decompression bomb is stopped after a few KiB. */
    static final int MAX_MESSAGE = 8192;

    /** Input flag: deliver fragments as they arrive instead of aggregating messages. */
    static final int STREAMING = FuzzInput.FLAG_5;
    /** Input flag: each read arrives in a read-only buffer. */
    static final int READ_ONLY = FuzzInput.FLAG_6;
    /** Input flag, with permessage-deflate: no context takeover (the inflater starts afresh for each message). */
    static final int NO_CONTEXT_TAKEOVER = FuzzInput.FLAG_7;

    private static final String PROTOCOL = "protocol";

    private final Role role;
    private final boolean deflate;
    private final WebSocketConfig config;
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final List<TrackedInflater> inflaters = new ArrayList<>();
    private final List<TrackedDeflater> deflaters = new ArrayList<>();
    private final Watch watch = new Watch();
    private final Application application = new Application();
    private final EmbeddedChannel channel;

    private FuzzedEndpoint(Role role, boolean deflate, FuzzInput input) {
        this.role = role;
        this.deflate = deflate;
        this.config = WebSocketConfig.builder()
                .role(role)
                .maxFramePayloadLength(MAX_FRAME)
                .maxMessageSize(MAX_MESSAGE)
                .aggregateMessages(!input.flag(STREAMING))
                .allowedRsvBits(deflate ? WebSocketConfig.RSV1 : 0)
                .build();
        this.channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(PROTOCOL, new WebSocketConnectionHandler(config));
        if (deflate) {
            boolean noContextTakeover = input.flag(NO_CONTEXT_TAKEOVER);
            PerMessageDeflate.builder()
                    .localNoContextTakeover(noContextTakeover)
                    .remoteNoContextTakeover(noContextTakeover)
                    .build()
                    .install(channel.pipeline(), this::newInflater, this::newDeflater);
        }
        channel.pipeline().addBefore(PROTOCOL, "watch", watch);
        channel.pipeline().addLast("application", application);
    }

    /** Feeds {@code data} (a {@link FuzzInput}) to a codec in {@code role}, and checks everything listed above. */
    static void run(Role role, boolean deflate, byte[] data) {
        FuzzInput input = FuzzInput.of(data);
        new FuzzedEndpoint(role, deflate, input).run(input);
    }

    private void run(FuzzInput input) {
        boolean finished = false;
        try {
            input.deliver(channel, input.flag(READ_ONLY));
            channel.advanceTimeBy(config.closeTimeout().toNanos() + 1, TimeUnit.NANOSECONDS);
            channel.runScheduledPendingTasks();
            channel.checkException();
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            written.writeBytes(WireFrames.drainOutbound(channel));
            boolean closedByEndpoint = !channel.isOpen();
            channel.finish(); // the peer goes away: decodes what is left, closes, rethrows what escaped
            finished = true;
            written.writeBytes(WireFrames.drainOutbound(channel));
            checkWritten(WireFrames.parse(written.toByteArray()), closedByEndpoint);
            application.checkNothingWrong();
            if (channel.readInbound() != null) {
                throw new AssertionError("A message went past the application handler.");
            }
        } finally {
            try {
                channel.finishAndReleaseAll();
            } catch (RuntimeException | Error e) {
                if (finished) {
                    throw e;
                } // else the first failure is the one to report
            }
        }
        alloc.assertAllReleased();
        checkZlibEnded();
    }

    private void checkWritten(List<Frame> frames, boolean closedByEndpoint) {
        WireFrames.checkControlReplies(frames, role == Role.CLIENT);
        boolean closeWritten = !frames.isEmpty() && frames.get(frames.size() - 1).opcode() == Frame.OPCODE_CLOSE;
        if (closedByEndpoint != closeWritten) {
            throw new AssertionError(closeWritten
                    ? "A Close frame was sent, but the channel is still open after the close timeout."
                    : "The channel was closed without a Close frame.");
        }
        List<String> pongs = new ArrayList<>();
        for (Frame frame : frames) {
            if (frame.opcode() == Frame.OPCODE_PONG) {
                pongs.add(HexFormat.of().formatHex(frame.payload()));
            }
        }
        if (!pongs.equals(watch.pings)) {
            throw new AssertionError("Pongs " + pongs + " do not answer the Pings " + watch.pings
                    + " received before the Close.");
        }
    }

    private void checkZlibEnded() {
        for (TrackedInflater inflater : inflaters) {
            if (!inflater.ended) {
                inflater.end();
                throw new AssertionError("An Inflater was not ended when the channel closed.");
            }
        }
        for (TrackedDeflater deflater : deflaters) {
            if (!deflater.ended) {
                deflater.end();
                throw new AssertionError("A Deflater was not ended when the channel closed.");
            }
        }
    }

    private TrackedInflater newInflater() {
        TrackedInflater inflater = new TrackedInflater();
        inflaters.add(inflater);
        return inflater;
    }

    private TrackedDeflater newDeflater() {
        TrackedDeflater deflater = new TrackedDeflater(PerMessageDeflate.DEFAULT_COMPRESSION_LEVEL);
        deflaters.add(deflater);
        return deflater;
    }

    /**
     * Sits right in front of the protocol handler: notes the Pings it receives before it sends a Close, tracks the
     * payload of every frame it writes (Close payloads come from {@code Unpooled}, not from the channel's allocator).
     */
    private final class Watch extends ChannelDuplexHandler {
        final List<String> pings = new ArrayList<>();
        boolean closeWritten;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof PingWebSocketFrame && !closeWritten) {
                pings.add(ByteBufUtil.hexDump(((PingWebSocketFrame) msg).content()));
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof WebSocketFrame) {
                alloc.track(((WebSocketFrame) msg).content());
                if (msg instanceof CloseWebSocketFrame) {
                    closeWritten = true;
                } else if (!(msg instanceof PongWebSocketFrame)) {
                    application.problems.add("The protocol handler wrote a " + msg.getClass().getSimpleName());
                }
            }
            ctx.write(msg, promise);
        }
    }

    /** The application: checks and releases what it receives; never writes. */
    private final class Application extends ChannelInboundHandlerAdapter {
        final List<String> problems = new ArrayList<>();
        private boolean inMessage;
        private boolean text;
        private long messageLength;
        private final ByteArrayOutputStream textMessage = new ByteArrayOutputStream();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof WebSocketFrame) {
                    check((WebSocketFrame) msg);
                } else {
                    problems.add("The application received a " + msg.getClass().getName());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void check(WebSocketFrame frame) {
            String name = frame.getClass().getSimpleName() + "(fin=" + frame.isFinalFragment() + ", rsv="
                    + frame.rsv() + ", " + frame.content().readableBytes() + " bytes)";
            if (watch.closeWritten) {
                problems.add("Data delivered after a Close was sent: " + name);
            }
            if (frame.rsv() != 0) {
                problems.add("RSV bits reached the application: " + name);
            }
            boolean start = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
            boolean continuation = frame instanceof ContinuationWebSocketFrame;
            if (!start && !continuation) {
                problems.add("A control frame reached the application: " + name);
                return;
            }
            if (config.aggregateMessages() && (!start || !frame.isFinalFragment())) {
                problems.add("A fragment reached the application although messages are aggregated: " + name);
            }
            if (start == inMessage) {
                problems.add(inMessage ? "A new message began inside a fragmented one: " + name
                        : "A continuation without a message: " + name);
            }
            if (start) {
                text = frame instanceof TextWebSocketFrame;
                messageLength = 0;
                textMessage.reset();
            }
            int length = frame.content().readableBytes();
            if (!deflate && length > MAX_FRAME) {
                problems.add("A frame over " + MAX_FRAME + " bytes: " + name);
            }
            messageLength += length;
            if (messageLength > MAX_MESSAGE) {
                problems.add("A message over " + MAX_MESSAGE + " bytes: " + messageLength);
            }
            if (text) {
                textMessage.writeBytes(ByteBufUtil.getBytes(frame.content()));
            }
            inMessage = !frame.isFinalFragment();
            if (text && !inMessage && !WireFrames.isUtf8(textMessage.toByteArray())) {
                problems.add("A Text message that is not UTF-8: " + HexFormat.of().formatHex(textMessage.toByteArray()));
            }
        }

        void checkNothingWrong() {
            if (!problems.isEmpty()) {
                throw new AssertionError(String.join("\n", problems));
            }
        }
    }
}
