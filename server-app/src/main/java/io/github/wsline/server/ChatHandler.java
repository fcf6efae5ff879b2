package io.github.wsline.server;

import io.github.wsline.handshake.WebSocketHandshakeCompleted;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.Ticker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One chat connection ({@code /chat?name=NICK&room=ROOM}): joins its room when the handshake completes, turns the
 * client's {@code message} events into room messages, and leaves when the channel closes. Bad input is answered
 * with an {@code error} event and the connection stays open.
 *
 * <p>Every message the client sends, whatever it is, counts against its {@link MessageRateLimit}: over the limit,
 * messages are dropped and the first of a run is answered with an {@code error} event; a client more than a burst
 * over the limit is sent Close 1008 ({@link #RATE_LIMIT_EXCEEDED}) and disconnected by the codec's closing handshake.
 */
final class ChatHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** Names and rooms: 1 to 32 letters, digits, '_', '-' or '.'. */
    private static final Pattern VALID_NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");
    static final String DEFAULT_ROOM = "lobby";
    static final WebSocketCloseStatus RATE_LIMIT_EXCEEDED =
            new WebSocketCloseStatus(1008, "Message rate limit exceeded.");

    private final ChatRooms rooms;
    private final int maxMessagesPerSecond;
    private final int messageBurst;
    /** What times the rate limit's refills; null for the event loop's ticker (a test kit channel's frozen clock). */
    private final Ticker rateLimitClock;
    private ChatRooms.Membership membership;
    private MessageRateLimit rateLimit;
    /** Close 1008 is on its way: the rate limit has been exceeded for good. */
    private boolean closing;

    /** A handler with the default rate limit: 20 messages per second, in bursts of up to 40. */
    ChatHandler(ChatRooms rooms) {
        this(rooms, MessageRateLimit.DEFAULT_PER_SECOND, MessageRateLimit.DEFAULT_BURST);
    }

    ChatHandler(ChatRooms rooms, int maxMessagesPerSecond, int messageBurst) {
        this(rooms, maxMessagesPerSecond, messageBurst, null);
    }

    ChatHandler(ChatRooms rooms, int maxMessagesPerSecond, int messageBurst, Ticker rateLimitClock) {
        this.rooms = rooms;
        this.maxMessagesPerSecond = maxMessagesPerSecond;
        this.messageBurst = messageBurst;
        this.rateLimitClock = rateLimitClock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketHandshakeCompleted && membership == null) {
            Map<String, List<String>> query = ((WebSocketHandshakeCompleted) event).request().queryParameters();
            join(ctx, first(query.get("name")), first(query.get("room")));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (membership != null) {
            rooms.leave(membership, ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (membership == null) {
            return; // frames before the handshake event cannot happen behind WebSocketUpgradeHandler
        }
        if (!withinRateLimit(ctx)) {
            return;
        }
        if (!(frame instanceof TextWebSocketFrame)) {
            sendError(ctx, "Only text messages are understood.");
            return;
        }
        try {
            membership.room().say(membership.name(), ChatEvents.parseMessageText(((TextWebSocketFrame) frame).text()));
        } catch (IllegalArgumentException e) {
            sendError(ctx, e.getMessage());
        }
    }

    private void join(ChannelHandlerContext ctx, String requestedName, String requestedRoom) {
        String name = requestedName;
        if (name != null && !VALID_NAME.matcher(name).matches()) {
            sendError(ctx, "Invalid name: use 1 to 32 letters, digits, '_', '-' or '.'.");
            name = null;
        }
        String room = requestedRoom;
        if (room != null && !VALID_NAME.matcher(room).matches()) {
            sendError(ctx, "Invalid room: use 1 to 32 letters, digits, '_', '-' or '.'; joined " + DEFAULT_ROOM + ".");
            room = null;
        }
        rateLimit = new MessageRateLimit(maxMessagesPerSecond, messageBurst, now(ctx));
        membership = rooms.join(room != null ? room : DEFAULT_ROOM,
                name != null ? name : "guest-" + ThreadLocalRandom.current().nextInt(1000, 10000), ctx.channel());
    }

    /** Takes the message's token; false when the message is dropped, and then tells or disconnects the client. */
    private boolean withinRateLimit(ChannelHandlerContext ctx) {
        if (closing) {
            return false; // frames the client sent before it saw our Close
        }
        MessageRateLimit.Decision decision = rateLimit.onMessage(now(ctx));
        if (decision != MessageRateLimit.Decision.ACCEPT) {
            rooms.metrics().rateLimitDrops.increment();
        }
        if (decision == MessageRateLimit.Decision.DROP_AND_WARN) {
            sendError(ctx, "Too many messages: limit is " + maxMessagesPerSecond + " per second.");
        } else if (decision == MessageRateLimit.Decision.CLOSE) {
            // The codec delivers no more data after our Close, and closes TCP when the client answers (or times out).
            closing = true;
            ChatRoom.writeInOrder(ctx.channel(), new CloseWebSocketFrame(RATE_LIMIT_EXCEEDED),
                    ChannelFutureListener.CLOSE_ON_FAILURE);
        }
        return decision == MessageRateLimit.Decision.ACCEPT;
    }

    private long now(ChannelHandlerContext ctx) {
        return (rateLimitClock != null ? rateLimitClock : ctx.executor().ticker()).nanoTime();
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Behind the room events already queued for this member, such as the echo of its previous message. */
    private static void sendError(ChannelHandlerContext ctx, String message) {
        ChatRoom.writeInOrder(ctx.channel(), new TextWebSocketFrame(ChatEvents.error(message)), null);
    }
}
