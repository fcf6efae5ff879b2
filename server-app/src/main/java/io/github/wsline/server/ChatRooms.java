package io.github.wsline.server;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * All rooms of the server. A room exists while it has members: the last one to leave takes its history with it,
 * so a flood of room names cannot grow the server's memory.
 */
final class ChatRooms {
    private final ConcurrentMap<String, ChatRoom> rooms = new ConcurrentHashMap<>();
    private final int historyLimit;
    private final ChatMetrics metrics;

    /** Rooms whose meters no one reads, as tests that check other things need. */
    ChatRooms(int historyLimit) {
        this(historyLimit, new ChatMetrics(new SimpleMeterRegistry()));
    }

    ChatRooms(int historyLimit, ChatMetrics metrics) {
        this.historyLimit = historyLimit;
        this.metrics = metrics;
    }

    ChatMetrics metrics() {
        return metrics;
    }

    /** A member of {@code roomName}: the room it joined and the name it got there. */
    record Membership(ChatRoom room, String name) {
    }

    Membership join(String roomName, String requestedName, Channel channel) {
        String[] assigned = new String[1];
        ChatRoom room = rooms.compute(roomName, (key, existing) -> {
            ChatRoom joined = existing != null ? existing : new ChatRoom(key, historyLimit, metrics);
            assigned[0] = joined.join(requestedName, channel);
            return joined;
        });
        return new Membership(room, assigned[0]);
    }

    void leave(Membership membership, Channel channel) {
        rooms.computeIfPresent(membership.room().name(), (key, room) -> {
            room.leave(membership.name(), channel);
            return room.isEmpty() ? null : room;
        });
    }

    int roomCount() {
        return rooms.size();
    }

    /** Members of all rooms; each room is asked in turn, so at scrape time only. */
    int memberCount() {
        return rooms.values().stream().mapToInt(ChatRoom::memberCount).sum();
    }
}
