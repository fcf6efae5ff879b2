package io.github.wsline.server;

import io.github.wsline.codec.PreparedMessage;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * One room: its members and its recent history. Every event is encoded into a frame once, and compressed once for
 * the members that negotiated permessage-deflate, and the same bytes are written to every member. A member whose
 * unsent output has passed the channel's high water mark is not written to but disconnected with 1008, so one client
 * that stops reading costs the server a bounded amount of memory and the others keep receiving.
 *
 * <p>An event is handed to each event loop that runs members, as one task that writes it to that loop's members,
 * and the tasks are queued under the room's lock. So every member sees the room's events in one order (a loop runs
 * its tasks in order; a write from another loop could overtake a queued one), and a broadcast costs one task per loop
 * rather than one per member: when a large room empties at once, its leave events do not pile up per member.
 */
final class ChatRoom {
    static final WebSocketCloseStatus TOO_SLOW =
            new WebSocketCloseStatus(1008, "Too slow: unread output exceeded the limit.");

    private final String name;
    private final int historyLimit;
    private final ChatMetrics metrics;
    private final Map<String, Channel> members = new LinkedHashMap<>();
    /** The members each event loop runs; each array is replaced, never changed, so a queued task keeps its own. */
    private final Map<EventLoop, Channel[]> membersByLoop = new HashMap<>();
    private final ArrayDeque<String> history = new ArrayDeque<>();

    ChatRoom(String name, int historyLimit, ChatMetrics metrics) {
        this.name = name;
        this.historyLimit = historyLimit;
        this.metrics = metrics;
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
        membersByLoop.merge(channel.eventLoop(), new Channel[] {channel}, ChatRoom::concat);
        send(channel, ChatEvents.welcome(memberName, name, members.keySet(), history.size()));
        history.forEach(event -> send(channel, event));
        return memberName;
    }

    synchronized void leave(String memberName, Channel channel) {
        if (members.remove(memberName, channel)) {
            membersByLoop.computeIfPresent(channel.eventLoop(), (loop, channels) -> without(channels, channel));
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

    synchronized int memberCount() {
        return members.size();
    }

    private void broadcast(String event) {
        if (members.isEmpty()) {
            return;
        }
        metrics.broadcastFanOut.record(members.size());
        PreparedMessage message = PreparedMessage.text(event);
        try {
            membersByLoop.forEach((loop, channels) -> {
                PreparedMessage forLoop = message.retain();
                execute(loop, () -> write(forLoop, channels, metrics.slowConsumerDrops), forLoop);
            });
        } finally {
            message.release();
        }
    }

    /** On the members' event loop; a member over its output limit gets Close instead, and the drop is counted. */
    private static void write(PreparedMessage message, Channel[] channels, Counter slowConsumerDrops) {
        try {
            for (Channel member : channels) {
                if (!member.isActive()) {
                    continue;
                }
                if (member.isWritable()) {
                    member.writeAndFlush(message.retain());
                } else {
                    slowConsumerDrops.increment();
                    member.writeAndFlush(new CloseWebSocketFrame(TOO_SLOW));
                }
            }
        } finally {
            message.release();
        }
    }

    private static Channel[] concat(Channel[] channels, Channel[] more) {
        Channel[] all = Arrays.copyOf(channels, channels.length + more.length);
        System.arraycopy(more, 0, all, channels.length, more.length);
        return all;
    }

    /** The array without {@code channel}, or null (no entry) when nothing is left. */
    private static Channel[] without(Channel[] channels, Channel channel) {
        Channel[] rest = Arrays.stream(channels).filter(c -> c != channel).toArray(Channel[]::new);
        return rest.length == 0 ? null : rest;
    }

    private static void send(Channel channel, String event) {
        writeInOrder(channel, new TextWebSocketFrame(event), null);
    }

    /**
     * Writes to a member behind the room events already queued for it, so that what concerns the member alone (its
     * welcome, an error, a Close) keeps its place among the room's events: a direct write would overtake them.
     */
    static void writeInOrder(Channel channel, Object message, ChannelFutureListener listener) {
        execute(channel.eventLoop(), () -> {
            ChannelFuture write = channel.writeAndFlush(message);
            if (listener != null) {
                write.addListener(listener);
            }
        }, message);
    }

    /** Queues {@code task}, which owns {@code message}; a loop that is shutting down refuses it, and we release. */
    private static void execute(EventLoop loop, Runnable task, Object message) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            ReferenceCountUtil.release(message);
        }
    }
}
