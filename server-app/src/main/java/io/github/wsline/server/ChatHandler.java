package io.github.wsline.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One chat connection ({@code /chat?name=NICK&room=ROOM}): joins its room when added to an open channel, turns the
 * client's {@code message} events into room messages, and leaves when the channel closes. Bad input is answered
 * with an {@code error} event and the connection stays open.
 */
final class ChatHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** Names and rooms: 1 to 32 letters, digits, '_', '-' or '.'. */
    private static final Pattern VALID_NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");
    static final String DEFAULT_ROOM = "lobby";

    private final ChatRooms rooms;
    private final String requestedName;
    private final String requestedRoom;
    private ChatRooms.Membership membership;

    ChatHandler(ChatRooms rooms, String requestedName, String requestedRoom) {
        this.rooms = rooms;
        this.requestedName = requestedName;
        this.requestedRoom = requestedRoom;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            join(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (membership == null) {
            join(ctx);
        }
        ctx.fireChannelActive();
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

    private void join(ChannelHandlerContext ctx) {
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
        membership = rooms.join(room != null ? room : DEFAULT_ROOM,
                name != null ? name : "guest-" + ThreadLocalRandom.current().nextInt(1000, 10000), ctx.channel());
    }

    private static void sendError(ChannelHandlerContext ctx, String message) {
        ctx.writeAndFlush(new TextWebSocketFrame(ChatEvents.error(message)));
    }
}
