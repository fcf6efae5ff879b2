package io.github.wsline.http2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Between a WebSocket stream's {@code Http2StreamChannel} and wsline's codec: the payload of each DATA frame goes to
 * the frame decoder as the bytes of a TCP connection would, and each buffer the encoder writes goes out as a DATA
 * frame (RFC 8441 §5: "the DATA frames ... carry the WebSocket framing"). The stream channel's flow control is
 * Netty's: a DATA frame's bytes are given back to the peer's window once read, and the channel stops being writable
 * while the peer's window is spent, which is what the application's backpressure watches.
 *
 * <p>Closing the channel ends the stream as §5 says: after the closing handshake, with END_STREAM (then waiting up to
 * the close timeout for the peer's, as a server waits for TCP's FIN); in any other case (a violation, a timeout, the
 * application closing without a handshake) with RST_STREAM {@code CANCEL}, an abrupt close of this WebSocket only.
 */
final class StreamFrameAdapter extends ChannelDuplexHandler {
    private final Duration closeTimeout;
    /** The peer's Close reached the codec: the closing handshake is complete once the codec closes. */
    private boolean peerCloseReceived;
    /** The peer sent END_STREAM: it sends nothing more. */
    private boolean peerEnded;
    private boolean closing;
    private ScheduledFuture<?> closeTimer;

    StreamFrameAdapter(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    void peerCloseReceived() {
        peerCloseReceived = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            peerEnded |= data.isEndStream();
            ctx.fireChannelRead(data.content());
        } else {
            peerEnded |= msg instanceof Http2HeadersFrame trailers && trailers.isEndStream();
            ReferenceCountUtil.release(msg); // trailers mean nothing to a WebSocket
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        if (peerEnded && !closing && !peerCloseReceived) { // the peer is done without a closing handshake: 1006
            ctx.channel().close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new DefaultHttp2DataFrame(bytes) : msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closing || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        closing = true;
        if (peerCloseReceived) {
            endStream(ctx, promise);
        } else {
            ctx.close(promise); // Netty resets a stream that is still open: RST_STREAM(CANCEL)
        }
    }

    /**
     * §5: "an orderly closure": END_STREAM behind our Close. Netty closes the stream channel once both sides have
     * ended the stream (closing it sooner would reset it); a peer that does not end its side within the close timeout
     * is reset.
     */
    private void endStream(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.writeAndFlush(new DefaultHttp2DataFrame(true));
        closeTimer = ctx.executor().schedule(() -> {
            ctx.close(); // the peer never finished: RST_STREAM(CANCEL), and the listener below completes the promise
        }, closeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.channel().closeFuture().addListener(closed -> {
            closeTimer.cancel(false);
            promise.trySuccess();
        });
    }
}
