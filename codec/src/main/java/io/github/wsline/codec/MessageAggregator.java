package io.github.wsline.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Joins the fragments of a message (RFC 6455 §5.4) into one final Text or Binary frame. A message that arrives in a
 * single frame passes through untouched. Order and size were checked by the decoder, so this only joins.
 */
final class MessageAggregator extends ChannelInboundHandlerAdapter {
    /** The fragments so far, or null between messages. */
    private ByteBuf content;
    /** The kind of the message's first frame: Text or Binary. */
    private FrameKind messageKind;
    private int rsv;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrameKind kind = FrameKind.of(msg);
        if (kind == null || !kind.isData()) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        boolean last = frame.isFinalFragment();
        if (content == null) {
            if (last) {
                ctx.fireChannelRead(frame);
                return;
            }
            messageKind = kind;
            rsv = frame.rsv();
            content = ctx.alloc().buffer(2 * frame.content().readableBytes());
        }
        try {
            content.writeBytes(frame.content());
        } finally {
            frame.release();
        }
        if (last) {
            ByteBuf whole = content;
            content = null;
            ctx.fireChannelRead(messageKind.newFrame(true, rsv, whole));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseContent();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseContent();
    }

    private void releaseContent() {
        if (content != null) {
            content.release();
            content = null;
        }
    }
}
