package io.github.wsline.codec;

import static io.github.wsline.codec.WebSocketProtocol.protocolError;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Restores the messages the peer compressed (RFC 7692 §6): it sits right after the frame decoder, which let RSV1
 * through and left the UTF-8 of compressed Text messages unchecked. A message whose first frame carries RSV1 is
 * inflated fragment by fragment, as the fragments arrive, and delivered without RSV1; other messages pass untouched.
 *
 * <p>Violations are raised as the decoder raises them, a {@link CorruptedWebSocketFrameException} that
 * {@link WebSocketConnectionHandler} answers with a Close frame: RSV1 on a continuation or a control frame (§6: the bit
 * marks the first frame of a compressed data message, nothing else) and data that does not inflate (1002), invalid
 * UTF-8 in an inflated Text message (1007), a message inflating past {@link WebSocketConfig#maxMessageSize()} (1009).
 * After a violation every further frame is dropped.
 */
final class MessageInflater extends ChannelInboundHandlerAdapter {
    private final MessageDecompressor decompressor;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** Whether the message being received is compressed, so its continuations are. */
    private boolean compressed;
    private boolean text;
    /** A violation ended this handler's input: its own state, not the connection's {@link CloseState}. */
    private boolean failed;

    MessageInflater(MessageDecompressor decompressor) {
        this.decompressor = decompressor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws CorruptedWebSocketFrameException {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof WebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        WebSocketFrame restored = null;
        try {
            restored = restore(ctx, frame);
        } catch (RuntimeException e) { // a CorruptedWebSocketFrameException, or worse
            failed = true;
            decompressor.close();
            throw e;
        } finally {
            if (restored != frame) {
                frame.release();
            }
        }
        ctx.fireChannelRead(restored);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        decompressor.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        decompressor.close();
    }

    /** The frame as the application should see it: the same one, or a new one with the inflated payload. */
    private WebSocketFrame restore(ChannelHandlerContext ctx, WebSocketFrame frame)
            throws CorruptedWebSocketFrameException {
        boolean rsv1 = (frame.rsv() & WebSocketConfig.RSV1) != 0;
        FrameKind kind = FrameKind.of(frame);
        if (kind == FrameKind.CONTINUATION) {
            if (rsv1) {
                throw protocolError("RSV1 set on a continuation frame.");
            }
        } else if (kind != null && kind.startsMessage()) {
            compressed = rsv1;
            text = kind == FrameKind.TEXT;
            utf8.reset();
        } else { // Close, Ping, Pong: never compressed (§6)
            if (rsv1) {
                throw protocolError("RSV1 set on a control frame.");
            }
            return frame;
        }
        if (!compressed) {
            return frame;
        }
        ByteBuf inflated = decompressor.decompress(ctx.alloc(), frame.content(), frame.isFinalFragment(),
                text ? utf8 : null);
        return kind.newFrame(frame.isFinalFragment(), frame.rsv() & ~WebSocketConfig.RSV1, inflated);
    }
}
