package io.github.wsline.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.handshake.WebSocketClientUpgradeHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One connection of {@link ChatSoak}, all of it on the client's event loop. It keeps, per sender of its room, the
 * sequence number it expects next, and a hash of the order in which the room's messages arrived; it reads only the
 * start of each event and the id at the start of a message's text ({@code #sender.sequence}).
 *
 * <p>Its role: a {@link Role#SENDER} sends a message every {@code interval} and reads like a reader; a
 * {@link Role#SLOW} reader stops reading for a while; an {@link Role#ABRUPT} one resets its TCP connection.
 */
final class SoakClient extends ChannelInboundHandlerAdapter {
    enum Role { SENDER, READER, SLOW, ABRUPT }

    private static final byte[] MESSAGE_EVENT = "{\"type\":\"message\"".getBytes(US_ASCII);
    private static final byte[] WELCOME_EVENT = "{\"type\":\"welcome\"".getBytes(US_ASCII);
    private static final byte[] MESSAGE_START = "{\"type\":\"message\",\"text\":\"#".getBytes(US_ASCII);
    private static final byte[] MESSAGE_END = "\"}".getBytes(US_ASCII);
    static final String TOO_SLOW_REASON = "Too slow";

    final SoakRoom room;
    final Role role;
    /** This sender's index in its room, or -1. */
    final int senderIndex;
    private ChannelHandlerContext ctx;
    private final int[] nextSequence;
    private long received;
    private long orderHash;
    private int disorder;
    private boolean joined;
    private ScheduledFuture<?> sending;
    /** While it does not read: the room's bytes and messages sent when it stopped; after: how many passed unread. */
    private boolean stalling;
    private long stalledAtBytes = -1;
    private long stalledAtMessages;
    private long stalledBytes;
    private long stalledMessages;
    /** Bytes of events received since it stopped reading: what the kernel and the server held for it. */
    private long bytesAfterStall;
    private boolean reset;
    private Throwable failure;
    private boolean closed;
    private boolean closedByUs;
    private int closeCode = -1;
    private boolean tooSlow;

    SoakClient(SoakRoom room, Role role, int senderIndex) {
        this.room = room;
        this.role = role;
        this.senderIndex = senderIndex;
        this.nextSequence = new int[room.senders];
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // The protocol handler consumes Close frames: watch them in front of it. The handshake future's listeners run
        // as the codec goes in, before any frame that came with the 101 is decoded.
        ctx.pipeline().get(WebSocketClientUpgradeHandler.class).handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                ctx.pipeline().addAfter(WebSocketConnectionHandler.DECODER_NAME, null, new CloseWatcher());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame) {
                ByteBuf event = ((TextWebSocketFrame) msg).content();
                if (stalledAtBytes >= 0) {
                    bytesAfterStall += event.readableBytes();
                }
                onEvent(event);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * A reset connection is noted (a slow reader the server dropped may find its socket reset: the kernel resets a
     * closed socket whose output the peer never read); any other exception is a failure.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            reset = true;
        } else {
            failure = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        stopSending();
        ctx.fireChannelInactive();
    }

    private void onEvent(ByteBuf event) {
        if (startsWith(event, MESSAGE_EVENT)) {
            int at = event.indexOf(event.readerIndex(), event.writerIndex(), (byte) '#') + 1;
            int sender = 0;
            for (byte b; (b = event.getByte(at++)) != '.'; ) {
                sender = sender * 10 + b - '0';
            }
            int sequence = 0;
            for (byte b; (b = event.getByte(at++)) != ' '; ) {
                sequence = sequence * 10 + b - '0';
            }
            onMessage(sender, sequence);
        } else if (startsWith(event, WELCOME_EVENT)) {
            joined = true;
        }
    }

    private void onMessage(int sender, int sequence) {
        if (sender >= nextSequence.length || sequence != nextSequence[sender]) {
            disorder++; // lost, repeated or reordered
        }
        if (sender < nextSequence.length) {
            nextSequence[sender] = sequence + 1;
        }
        received++;
        orderHash = (orderHash ^ ((long) sender << 32 | sequence)) * 0x100000001B3L;
    }

    private static boolean startsWith(ByteBuf buf, byte[] prefix) {
        if (buf.readableBytes() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf.getByte(buf.readerIndex() + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code action} on this client's event loop in {@code delayMillis}. */
    void at(long delayMillis, Runnable action) {
        ctx.executor().schedule(action, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Sends a message now and then every {@code intervalMillis} after the last, until {@link #stopSending()}. */
    void startSending(long intervalMillis) {
        if (!closed) {
            sending = ctx.executor().scheduleWithFixedDelay(this::send, 0, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    void stopSending() {
        if (sending != null) {
            sending.cancel(false);
        }
    }

    private void send() {
        String id = senderIndex + "." + room.sent(senderIndex) + " ";
        ByteBuf json = ctx.alloc().buffer(MESSAGE_START.length + id.length() + room.filler.length + MESSAGE_END.length);
        json.writeBytes(MESSAGE_START).writeCharSequence(id, US_ASCII);
        json.writeBytes(room.filler).writeBytes(MESSAGE_END);
        room.recordSent(senderIndex, json.readableBytes());
        ctx.writeAndFlush(new TextWebSocketFrame(json));
    }

    /** Stops reading until the room has sent {@code resumeAfterBytes} more, checking every {@code checkMillis}. */
    void stall(long resumeAfterBytes, long checkMillis) {
        stalling = true;
        stalledAtBytes = room.bytesSent();
        stalledAtMessages = room.messagesSent();
        ctx.channel().config().setAutoRead(false);
        ScheduledFuture<?>[] check = new ScheduledFuture<?>[1];
        check[0] = ctx.executor().scheduleAtFixedRate(() -> {
            if (!stalling || room.bytesSent() - stalledAtBytes >= resumeAfterBytes) {
                check[0].cancel(false);
                resume();
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    /** Reads again, if stalled. */
    void resume() {
        if (stalling) {
            stalling = false;
            stalledBytes = room.bytesSent() - stalledAtBytes;
            stalledMessages = room.messagesSent() - stalledAtMessages;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Resets the connection: SO_LINGER 0, so that closing sends RST, as a client whose network vanished. */
    void resetAbruptly() {
        closedByUs = true;
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
    }

    void close() {
        closedByUs = true;
        ctx.close();
    }

    boolean joined() {
        return joined;
    }

    long received() {
        return received;
    }

    long orderHash() {
        return orderHash;
    }

    int disorder() {
        return disorder;
    }

    /** Messages the room sent that this client has not received; meaningful once the room's senders stopped. */
    long missing() {
        long missing = 0;
        for (int sender = 0; sender < nextSequence.length; sender++) {
            missing += room.sent(sender) - nextSequence[sender];
        }
        return missing;
    }

    /** Whether it stopped reading at some point. */
    boolean stalled() {
        return stalledAtBytes >= 0;
    }

    /** Room bytes this client let pass unread, at least; the server sent up to {@link #stalledBytesAtMost()}. */
    long stalledBytes() {
        return stalledBytes;
    }

    long stalledBytesAtMost() {
        return stalledBytes + stalledMessages * SoakRoom.EVENT_OVERHEAD;
    }

    /** Closed by the server (or the network), not by us. */
    boolean dropped() {
        return closed && !closedByUs;
    }

    boolean open() {
        return !closed;
    }

    long bytesAfterStall() {
        return bytesAfterStall;
    }

    /** Whether its connection was reset (by the server). */
    boolean reset() {
        return reset;
    }

    /** An exception other than an I/O error, or null. */
    Throwable failure() {
        return failure;
    }

    int closeCode() {
        return closeCode;
    }

    boolean tooSlow() {
        return tooSlow;
    }

    /** In front of the protocol handler: notes the server's Close code and reason, and passes the frame on. */
    private final class CloseWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof CloseWebSocketFrame && closeCode < 0) {
                CloseWebSocketFrame close = (CloseWebSocketFrame) msg;
                closeCode = close.statusCode();
                tooSlow = close.reasonText() != null && close.reasonText().startsWith(TOO_SLOW_REASON);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
