package io.github.wsline.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * One load connection: keeps {@code inFlight} messages on the way, each carrying its send time, and records the
 * round trip of each echo into the run's {@link LoadResult}. Runs on the client's single event loop thread.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {
    private final boolean binary;
    private final byte[] template;
    private final int inFlight;
    private final LoadResult result;
    private ChannelHandlerContext ctx;

    LoadConnection(boolean binary, int size, int inFlight, LoadResult result) {
        this.binary = binary;
        this.template = binary ? Payloads.binary(size) : Payloads.text(size); // realistic for compression
        this.inFlight = inFlight;
        this.result = result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void start() {
        for (int i = 0; i < inFlight; i++) {
            send();
        }
        ctx.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof WebSocketFrame && result.running()) {
                result.record(System.nanoTime() - sentAt(((WebSocketFrame) msg).content()));
                send();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    /** The send time goes in the first 16 bytes as hex digits, so that a text payload stays ASCII. */
    private void send() {
        ByteBuf payload = ctx.alloc().buffer(template.length);
        String sentAt = String.format("%016x", System.nanoTime());
        for (int i = 0; i < 16; i++) {
            payload.writeByte(sentAt.charAt(i));
        }
        payload.writeBytes(template, 16, template.length - 16);
        ctx.write(binary ? new BinaryWebSocketFrame(payload) : new TextWebSocketFrame(payload));
    }

    private static long sentAt(ByteBuf payload) {
        long value = 0;
        for (int i = 0; i < 16; i++) {
            value = value << 4 | Character.digit(payload.getByte(payload.readerIndex() + i), 16);
        }
        return value;
    }
}
