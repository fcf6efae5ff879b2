package io.github.wsline.handshake;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.FuzzInput;
import io.github.wsline.testsupport.TrackingAllocator;
import io.github.wsline.testsupport.WireFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz target: arbitrary bytes from a client into a server's HTTP codec and {@link WebSocketUpgradeHandler}, with
 * routes, subprotocols, permessage-deflate, an origin policy and a request filter configured, and a page handler
 * behind them that answers every plain request 404 (400 to what the HTTP decoder could not parse). A failure is:
 * <ul>
 *   <li>an exception reaching the end of the pipeline (the upgrade handler must answer, not throw; a request filter
 *       or negotiator that throws is reported there too);</li>
 *   <li>a buffer not released once the channel is finished ({@link TrackingAllocator});</li>
 *   <li>anything written that a client could not read: a response that is not well-formed HTTP/1.1 with a
 *       {@code Content-Length}, a status the server never sends, a response after a refusal or after the 101, a
 *       refusal that leaves the connection open, a 101 without its headers or without the application hearing of
 *       the upgrade, frames after the 101 that break RFC 6455, or a WebSocket connection closed without a Close.</li>
 * </ul>
 * The input is a {@link FuzzInput}: a first byte of options (read size; {@link FuzzInput#FLAG_6}: read-only
 * buffers), then the client's bytes. Seeds and past findings are under
 * {@code src/test/resources/io/github/wsline/handshake/UpgradeHandlerFuzzTestInputs/arbitraryRequestBytes/}.
 */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD) // per input; see codec's FrameDecoderFuzzTest
class UpgradeHandlerFuzzTest {
    private static final WebSocketConfig CODEC =
            WebSocketConfig.builder().maxFramePayloadLength(4096).maxMessageSize(8192).build();
    /** Everything the upgrade handler refuses with, the filter's 401, and the page handler's 400 and 404. */
    private static final Set<Integer> STATUSES = Set.of(101, 400, 401, 403, 404, 405, 426, 431);
    /**
     * For the test's own parsers: Netty's leak detector at paranoid records a stack trace at every access to a buffer
     * it watches, which would slow the fuzzer down tenfold; these channels are finished and released in any case.
     */
    private static final ByteBufAllocator UNWATCHED = new UnpooledByteBufAllocator(false, true);

    @FuzzTest
    void arbitraryRequestBytes(byte[] data) {
        new Server().run(FuzzInput.of(data));
    }

    /** One connection to the server, on an {@link EmbeddedChannel} with a frozen clock. */
    private static final class Server {
        private final TrackingAllocator alloc = new TrackingAllocator();
        private final Application application = new Application();
        private final EmbeddedChannel channel = new EmbeddedChannel();
        private final WebSocketServerConfig config;

        Server() {
            config = WebSocketServerConfig.builder()
                    .route("/chat", () -> application)
                    .prefixRoute("/rooms", () -> application)
                    .codec(CODEC)
                    .subprotocols("chat.v2", "chat.v1")
                    .extensions(PerMessageDeflateNegotiator.builder().build())
                    .allowedOrigins("https://chat.example.com")
                    .requestFilter(request -> request.cookies().containsKey("banned")
                            || request.queryParameters().containsKey("deny")
                            ? Optional.of(HttpResponseStatus.UNAUTHORIZED) : Optional.empty())
                    .maxRequestLineLength(256)
                    .maxHeaderSize(1024)
                    .build();
            channel.freezeTime();
            channel.config().setAllocator(alloc);
            channel.pipeline().addLast(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config), new Pages());
        }

        void run(FuzzInput input) {
            boolean finished = false;
            try {
                input.deliver(channel, input.flag(FuzzInput.FLAG_6));
                channel.advanceTimeBy(11, TimeUnit.SECONDS); // past the handshake and close timeouts
                channel.runScheduledPendingTasks();
                channel.checkException();
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                written.writeBytes(WireFrames.drainOutbound(channel));
                boolean closedByServer = !channel.isOpen();
                channel.finish();
                finished = true;
                written.writeBytes(WireFrames.drainOutbound(channel));
                checkWritten(written.toByteArray(), closedByServer, requestMethods(input));
                if (!application.problems.isEmpty()) {
                    throw new AssertionError(String.join("\n", application.problems));
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
        }

        /**
         * The methods of the requests the server's HTTP decoder makes of the input, in order: the responses to them
         * come in the same order, and a response to HEAD has no body whatever its {@code Content-Length} says.
         */
        private Queue<HttpMethod> requestMethods(FuzzInput input) {
            Queue<HttpMethod> methods = new ArrayDeque<>();
            EmbeddedChannel parser = new EmbeddedChannel();
            parser.config().setAllocator(UNWATCHED);
            parser.pipeline().addLast(config.newHttpServerCodec());
            try {
                input.deliver(parser, false);
                for (Object msg; (msg = parser.readInbound()) != null; ) {
                    if (msg instanceof HttpRequest) {
                        methods.add(((HttpRequest) msg).method());
                    }
                    ReferenceCountUtil.release(msg);
                }
            } finally {
                parser.finishAndReleaseAll();
            }
            return methods;
        }

        /** Reads what the server wrote as a client would: responses, and after a 101, frames. */
        private void checkWritten(byte[] written, boolean closedByServer, Queue<HttpMethod> requestMethods) {
            EmbeddedChannel client = new EmbeddedChannel();
            client.config().setAllocator(UNWATCHED);
            client.pipeline().addLast(new HttpResponseDecoder() {
                @Override
                protected boolean isContentAlwaysEmpty(HttpMessage msg) {
                    return HttpMethod.HEAD.equals(requestMethods.poll()) || super.isContentAlwaysEmpty(msg);
                }
            });
            try {
                client.writeInbound(Unpooled.wrappedBuffer(written));
                Responses responses = new Responses();
                for (Object msg; (msg = client.readInbound()) != null; ) {
                    try {
                        responses.add(msg);
                    } finally {
                        ReferenceCountUtil.release(msg);
                    }
                }
                responses.check(closedByServer, application.upgraded);
            } finally {
                client.finishAndReleaseAll();
            }
        }
    }

    /** The responses a client read, checked one by one and then as a whole. */
    private static final class Responses {
        private final List<Integer> statuses = new ArrayList<>();
        private boolean inResponse;
        private boolean closing;
        private final ByteArrayOutputStream frames = new ByteArrayOutputStream();

        void add(Object msg) {
            if (msg instanceof ByteBuf) { // what follows a 101
                frames.writeBytes(ByteBufUtil.getBytes((ByteBuf) msg));
                return;
            }
            HttpObject object = (HttpObject) msg;
            require(object.decoderResult().isSuccess(), "a response a client cannot parse: " + object.decoderResult());
            if (msg instanceof HttpResponse) {
                require(!inResponse, "a response inside another");
                require(!closing, "a response after one that closed the connection");
                require(!statuses.contains(101), "a response after the 101");
                checkHead((HttpResponse) msg);
                inResponse = true;
            }
            if (msg instanceof LastHttpContent) {
                require(inResponse, "content without a response");
                inResponse = false;
            }
        }

        private void checkHead(HttpResponse response) {
            int status = response.status().code();
            statuses.add(status);
            require(STATUSES.contains(status), "unexpected status " + response.status());
            require(response.protocolVersion().equals(HttpVersion.HTTP_1_1), "not HTTP/1.1: " + response);
            if (status == 101) {
                require(response.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)
                        && response.headers().containsValue(HttpHeaderNames.CONNECTION, "Upgrade", true),
                        "a 101 without Upgrade: websocket and Connection: Upgrade: " + response);
                String accept = response.headers().get(HandshakeProtocol.SEC_WEBSOCKET_ACCEPT);
                require(accept != null && Base64.getDecoder().decode(accept).length == 20,
                        "a 101 without a Sec-WebSocket-Accept of 20 bytes: " + response);
                return;
            }
            require(response.headers().contains(HttpHeaderNames.CONTENT_LENGTH), "no Content-Length: " + response);
            if (status != 404) { // a refusal
                require(response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true),
                        "a refusal without Connection: close: " + response);
                closing = true;
            }
        }

        void check(boolean closedByServer, boolean upgraded) {
            require(!inResponse, "a response cut short");
            boolean switched = statuses.contains(101);
            require(switched == upgraded, switched ? "a 101 without the application hearing of it"
                    : "the application heard of an upgrade without a 101");
            if (closing) {
                require(closedByServer, "a refusal, but the connection is still open");
            }
            if (switched) {
                List<Frame> sent = WireFrames.parse(frames.toByteArray());
                WireFrames.checkControlReplies(sent, false);
                boolean closeSent = !sent.isEmpty() && sent.get(sent.size() - 1).opcode() == Frame.OPCODE_CLOSE;
                require(closedByServer == closeSent, closeSent ? "a Close frame, but the connection is still open"
                        : "the WebSocket connection was closed without a Close frame");
            } else {
                require(frames.size() == 0, "bytes after a response that did not switch protocols");
            }
        }
    }

    /** The route's handler: must hear of the upgrade before any frame; releases the frames. */
    private static final class Application extends ChannelInboundHandlerAdapter {
        final List<String> problems = new ArrayList<>();
        boolean upgraded;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketHandshakeCompleted) {
                if (upgraded) {
                    problems.add("WebSocketHandshakeCompleted twice");
                }
                upgraded = true;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!upgraded) {
                    problems.add("A message before WebSocketHandshakeCompleted: " + msg);
                }
                if (!(msg instanceof WebSocketFrame)) {
                    problems.add("The application received a " + msg.getClass().getName());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** The pages behind the upgrade handler: 404 to every plain request, 400 (and close) to an unparsable one. */
    private static final class Pages extends ChannelInboundHandlerAdapter {
        private boolean failed;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!(msg instanceof HttpObject)) {
                    throw new AssertionError("Pages received a " + msg.getClass().getName());
                }
                if (failed) {
                    return;
                }
                if (((HttpObject) msg).decoderResult().isFailure()) {
                    failed = true;
                    ctx.writeAndFlush(response(ctx, HttpResponseStatus.BAD_REQUEST, true))
                            .addListener(ChannelFutureListener.CLOSE);
                } else if (msg instanceof LastHttpContent) {
                    ctx.writeAndFlush(response(ctx, HttpResponseStatus.NOT_FOUND, false));
                } else if (!(msg instanceof HttpRequest) && !(msg instanceof HttpContent)) {
                    throw new AssertionError("Pages received a " + msg.getClass().getName());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static DefaultFullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status,
                                                        boolean close) {
            DefaultFullHttpResponse response =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, ctx.alloc().buffer(0));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            return response;
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }
}
