package io.github.wsline.it.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Records the Netty frames and user events that reach its place in a pipeline: it stands for the application
 * (last in the pipeline, it releases each frame) or sits in front of one (then it passes everything on). A frame is
 * recorded as one line: {@code text:HELLO}, {@code binary:0102} (hex), {@code continuation:...}, {@code ping:...},
 * {@code pong:...}, {@code close:1000 bye}; a frame that is not the last of its message gets {@code (more)} after
 * its type.
 */
final class FrameRecorder extends ChannelInboundHandlerAdapter {
    private final boolean passOn;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Throwable> exceptions = new LinkedBlockingQueue<>();

    private FrameRecorder(boolean passOn) {
        this.passOn = passOn;
    }

    /** A recorder that plays the application: the last handler, which consumes what it records. */
    static FrameRecorder application() {
        return new FrameRecorder(false);
    }

    /** A recorder in front of the application's handler: it passes everything on. */
    static FrameRecorder inFrontOfTheApplication() {
        return new FrameRecorder(true);
    }

    /** The next frame recorded, as described in the class comment. */
    String nextFrame() {
        return Loopback.next(frames, "frame");
    }

    /** The frames recorded and not taken yet, without waiting. */
    List<String> framesSoFar() {
        List<String> taken = new ArrayList<>();
        frames.drainTo(taken);
        return taken;
    }

    /** The next user event that is an instance of {@code type}; other events before it are skipped. */
    <T> T nextEvent(Class<T> type) {
        while (true) {
            Object event = Loopback.next(events, type.getSimpleName());
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    /** The next user event that is {@code expected}; other events before it are skipped. */
    void awaitEvent(Object expected) {
        while (!expected.equals(Loopback.next(events, String.valueOf(expected)))) {
            // skip
        }
    }

    /** The exceptions recorded and not taken yet, without waiting. */
    List<Throwable> exceptionsSoFar() {
        List<Throwable> taken = new ArrayList<>();
        exceptions.drainTo(taken);
        return taken;
    }

    Throwable nextException() {
        return Loopback.next(exceptions, "exception");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame) {
            frames.add(describe((WebSocketFrame) msg));
        }
        if (passOn) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
        if (passOn) {
            ctx.fireUserEventTriggered(evt);
        } else {
            ReferenceCountUtil.release(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exceptions.add(cause);
        if (passOn) {
            ctx.fireExceptionCaught(cause);
        }
    }

    private static String describe(WebSocketFrame frame) {
        String more = frame.isFinalFragment() ? "" : "(more)";
        if (frame instanceof TextWebSocketFrame) {
            return "text" + more + ":" + ((TextWebSocketFrame) frame).text();
        }
        if (frame instanceof CloseWebSocketFrame) {
            CloseWebSocketFrame close = (CloseWebSocketFrame) frame;
            return "close:" + close.statusCode() + " " + close.reasonText();
        }
        return type(frame) + more + ":" + ByteBufUtil.hexDump(frame.content());
    }

    private static String type(WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame) {
            return "binary";
        }
        if (frame instanceof ContinuationWebSocketFrame) {
            return "continuation";
        }
        if (frame instanceof PingWebSocketFrame) {
            return "ping";
        }
        return frame instanceof PongWebSocketFrame ? "pong" : frame.getClass().getSimpleName();
    }
}
