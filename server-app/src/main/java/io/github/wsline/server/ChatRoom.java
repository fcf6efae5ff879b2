package io.github.wsline.server;

import io.github.wsline.codec.PreparedMessage;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One room: its members and its recent history. Every event is encoded into a frame once, and compressed once for
 * the members that negotiated permessage-deflate, and the same bytes are written to every member. A member whose unsent output has passed the channel's high water mark is not written
 * to but disconnected with 1008, so one client that stops reading costs the server a bounded amount of memory and
 * the others keep receiving.
 *
 * <p>All methods hold the room's lock while they write, so every member sees the room's events in one order.
 */
final class ChatRoom {
    static final WebSocketCloseStatus TOO_SLOW =
            new WebSocketCloseStatus(1008, "Too slow: unread output exceeded the limit.");

    private final String name;
    private final int historyLimit;
    private final Map<String, Channel> members = new LinkedHashMap<>();
    private final ArrayDeque<String> history = new ArrayDeque<>();

    ChatRoom(String name, int historyLimit) {
        this.name = name;
        this.historyLimit = historyLimit;
    }

    String name() {
        return name;
    }

    /** Adds a member under a name not yet taken in the room ({@code alice}, {@code alice-2}, ...); returns it. */
    synchronized String join(String requestedName, Channel channel) {
        String memberName = requestedName;
        for (int suffix = 2; members.containsKey(memberName); suffix++) {
            memberName = requestedName + "-" + suffix;
        }
        broadcast(ChatEvents.join(memberName, name));
        members.put(memberName, channel);
        send(channel, ChatEvents.welcome(memberName, name, members.keySet()));
        history.forEach(event -> send(channel, event));
        return memberName;
    }

    synchronized void leave(String memberName, Channel channel) {
        if (members.remove(memberName, channel)) {
            broadcast(ChatEvents.leave(memberName, name));
        }
    }

    synchronized void say(String from, String text) {
        String event = ChatEvents.message(from, name, text, System.currentTimeMillis());
        if (historyLimit > 0) {
            if (history.size() == historyLimit) {
                history.removeFirst();
            }
            history.addLast(event);
        }
        broadcast(event);
    }

    synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    private void broadcast(String event) {
        if (members.isEmpty()) {
            return;
        }
        PreparedMessage message = PreparedMessage.text(event);
        try {
            for (Channel member : members.values()) {
                if (member.isWritable()) {
                    member.writeAndFlush(message.retain());
                } else {
                    member.writeAndFlush(new CloseWebSocketFrame(TOO_SLOW));
                }
            }
        } finally {
            message.release();
        }
    }

    private static void send(Channel channel, String event) {
        channel.writeAndFlush(new TextWebSocketFrame(event));
    }
}
