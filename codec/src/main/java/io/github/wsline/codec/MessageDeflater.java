package io.github.wsline.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Compresses the messages the application writes (RFC 7692 §6): it sits right after the frame encoder, so it sees
 * frames before they are encoded. A Text or Binary message written in one frame of at least
 * {@link PerMessageDeflate#compressionThreshold()} bytes, or in fragments, is compressed, RSV1 set on its first frame
 * only; shorter messages, control frames, frames that already carry RSV1 and bytes already encoded pass untouched.
 * With a {@link PerMessageDeflate#localMaxWindowBits()} below 15, messages longer than the window and messages
 * written in fragments pass untouched too.
 *
 * <p>A {@link PreparedMessage} is answered with its shared compressed frame when the frame can be shared: in the
 * server role without context takeover, where every connection would compress it to the same bytes. Otherwise it is
 * compressed here like any frame, or, under the threshold, left to the encoder.
 */
final class MessageDeflater extends ChannelDuplexHandler {
    private final MessageCompressor compressor;
    private final int compressionLevel;
    private final int compressionThreshold;
    private final long maxCompressedMessageLength;
    private final boolean sharesPreparedFrames;
    /** Whether the message being written is compressed, so its continuations are. */
    private boolean compressing;
    /** The compressor is ended (channel closed, handler removed): a resource's state, not the {@link CloseState}. */
    private boolean closed;

    MessageDeflater(MessageCompressor compressor, PerMessageDeflate settings, WebSocketConfig.Role role) {
        this.compressor = compressor;
        this.compressionLevel = settings.compressionLevel();
        this.compressionThreshold = settings.compressionThreshold();
        this.maxCompressedMessageLength = settings.maxCompressedMessageLength();
        this.sharesPreparedFrames = role == WebSocketConfig.Role.SERVER && settings.localNoContextTakeover();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (closed) { // the write fails further on; no need to compress it first
            ctx.write(msg, promise);
        } else if (msg instanceof PreparedMessage) {
            writePrepared(ctx, (PreparedMessage) msg, promise);
        } else {
            FrameKind kind = FrameKind.of(msg);
            if (kind == FrameKind.CONTINUATION) {
                writeContinuation(ctx, (WebSocketFrame) msg, promise);
            } else if (kind != null && kind.startsMessage()) {
                writeFirstFrame(ctx, (WebSocketFrame) msg, promise);
            } else {
                ctx.write(msg, promise); // control frames and encoded bytes
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        close();
    }

    private void writeFirstFrame(ChannelHandlerContext ctx, WebSocketFrame frame, ChannelPromise promise) {
        boolean fin = frame.isFinalFragment();
        boolean alreadyCompressed = (frame.rsv() & WebSocketConfig.RSV1) != 0;
        boolean compress = !alreadyCompressed && (fin ? compresses(frame.content().readableBytes()) : compressesFragments());
        compressing = compress && !fin;
        if (compress) {
            writeCompressed(ctx, frame, frame.rsv() | WebSocketConfig.RSV1, promise);
        } else {
            ctx.write(frame, promise);
        }
    }

    private void writeContinuation(ChannelHandlerContext ctx, WebSocketFrame frame, ChannelPromise promise) {
        if (!compressing) {
            ctx.write(frame, promise);
            return;
        }
        compressing = !frame.isFinalFragment();
        writeCompressed(ctx, frame, frame.rsv(), promise);
    }

    private void writeCompressed(ChannelHandlerContext ctx, WebSocketFrame frame, int rsv, ChannelPromise promise) {
        ByteBuf compressed;
        try {
            compressed = compressor.compress(ctx.alloc(), frame.content(), frame.isFinalFragment());
        } catch (RuntimeException e) {
            compressing = false;
            promise.setFailure(e);
            return;
        } finally {
            frame.release();
        }
        ctx.write(FrameKind.of(frame).newFrame(frame.isFinalFragment(), rsv, compressed), promise);
    }

    private void writePrepared(ChannelHandlerContext ctx, PreparedMessage message, ChannelPromise promise) {
        if (!compresses(message.payloadLength())) {
            ctx.write(message, promise); // the encoder writes its plain frame
            return;
        }
        Object out;
        try {
            out = sharesPreparedFrames ? message.compressedFrame(ctx.alloc(), compressionLevel) : message.newFrame();
        } catch (RuntimeException e) {
            promise.setFailure(e);
            return;
        } finally {
            message.release();
        }
        if (out instanceof WebSocketFrame) {
            writeFirstFrame(ctx, (WebSocketFrame) out, promise);
        } else {
            ctx.write(out, promise);
        }
    }

    /**
     * Whether a whole message of this length is compressed: from the threshold up to the window's length (RFC 7692
     * §7.1.2: a smaller window is kept by compressing only messages that fit in it; see
     * {@link PerMessageDeflate#localMaxWindowBits()}).
     */
    private boolean compresses(long length) {
        return length >= compressionThreshold && length <= maxCompressedMessageLength;
    }

    /** Whether fragmented messages, whose length is not known, are compressed: only with the full 15-bit window. */
    private boolean compressesFragments() {
        return maxCompressedMessageLength == Long.MAX_VALUE;
    }

    private void close() {
        closed = true;
        compressor.close();
    }
}
