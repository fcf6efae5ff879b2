package io.github.wsline.bench;

import static io.github.wsline.bench.ChatSoak.mib;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ChatSoak}'s clients received, counted once the senders have stopped and the room traffic has settled.
 * Steady clients (senders and readers that kept reading) must each have every message of their room, per sender in
 * the order sent; slow readers must be dropped when, and only when, they let more pass unread than the server may
 * hold for them.
 */
final class SoakTally {
    int steady;
    long delivered;
    long expected;
    /** Messages that arrived out of sequence (a gap, a repeat or a reordering) at a steady or slow client. */
    long disorder;
    /** Steady clients the server closed. */
    int steadyDropped;
    int rooms;
    /** Rooms whose steady members all received the same messages in the same order. */
    int roomsInOneOrder;

    int slow;
    int slowDroppedTooSlow;
    int slowDroppedWithoutClose;
    int slowDroppedOtherwise;
    int slowStayed;
    /** Slow readers that stayed and yet miss messages. */
    long slowStayedMissing;
    /** Slow readers dropped although they let less than the output limit pass unread. */
    int slowWronglyDropped;
    /** Slow readers not dropped although they let more pass unread than the server and the kernel may hold. */
    int slowNotDropped;
    long slowUnreadBytesMax;
    /** Over the dropped slow readers: the least and the most they received after they stopped reading. */
    long droppedBufferedMin = Long.MAX_VALUE;
    long droppedBufferedMax;
    /** Connections reset by the server, and exceptions other than I/O errors, at any client. */
    int resets;
    int failures;

    int abrupt;
    /** Clients still connected. */
    long open;
    /** Every message every client received, for the throughput. */
    long receivedByAll;

    SoakTally(List<SoakClient> clients, long outputLimit, long mustDropAfterBytes) {
        Map<SoakRoom, Set<Long>> orders = new HashMap<>();
        for (SoakClient client : clients) {
            receivedByAll += client.received();
            resets += client.reset() ? 1 : 0;
            if (client.failure() != null) {
                failures++;
                client.failure().printStackTrace();
            }
            open += client.open() ? 1 : 0;
            switch (client.role) {
                case SENDER:
                case READER:
                    steady++;
                    delivered += client.received();
                    expected += client.received() + client.missing();
                    disorder += client.disorder();
                    steadyDropped += client.dropped() ? 1 : 0;
                    orders.computeIfAbsent(client.room, room -> new HashSet<>())
                            .add(client.orderHash() * 31 + client.received());
                    break;
                case SLOW:
                    countSlow(client, outputLimit, mustDropAfterBytes);
                    break;
                case ABRUPT:
                    abrupt++;
                    break;
                default:
                    throw new IllegalStateException(client.role.name());
            }
        }
        rooms = orders.size();
        roomsInOneOrder = (int) orders.values().stream().filter(hashes -> hashes.size() == 1).count();
    }

    private void countSlow(SoakClient client, long outputLimit, long mustDropAfterBytes) {
        slow++;
        disorder += client.disorder();
        slowUnreadBytesMax = Math.max(slowUnreadBytesMax, client.stalledBytes());
        if (!client.dropped()) {
            slowStayed++;
            slowStayedMissing += client.missing();
            slowNotDropped += client.stalledBytes() >= mustDropAfterBytes ? 1 : 0;
            return;
        }
        droppedBufferedMin = Math.min(droppedBufferedMin, client.bytesAfterStall());
        droppedBufferedMax = Math.max(droppedBufferedMax, client.bytesAfterStall());
        if (client.closeCode() == 1008 && client.tooSlow()) {
            slowDroppedTooSlow++;
        } else if (client.closeCode() < 0) {
            slowDroppedWithoutClose++;
        } else {
            slowDroppedOtherwise++;
        }
        slowWronglyDropped += client.stalledBytesAtMost() < outputLimit ? 1 : 0;
    }

    void print(long outputLimit, long mustDropAfterBytes) {
        System.out.printf(Locale.ROOT, "steady:  %,d clients kept reading: delivered %,d of %,d expected, %,d out of "
                        + "sequence, %d dropped by the server; %d of %d rooms seen in the same order by all their "
                        + "members%n", steady, delivered, expected, disorder,
                steadyDropped, roomsInOneOrder, rooms);
        System.out.printf(Locale.ROOT, "slow:    %,d stopped reading: %,d dropped with 1008 \"%s...\", %,d closed by "
                        + "the server before they read its Close, %,d closed otherwise, %,d kept (missing %,d "
                        + "messages); %d dropped with less than %s unread, %d kept with more than %s unread; most "
                        + "left unread %s; the dropped ones received %s to %s after they stopped reading%n", slow,
                slowDroppedTooSlow, SoakClient.TOO_SLOW_REASON, slowDroppedWithoutClose, slowDroppedOtherwise,
                slowStayed, slowStayedMissing, slowWronglyDropped, mib(outputLimit), slowNotDropped,
                mib(mustDropAfterBytes), mib(slowUnreadBytesMax),
                mib(droppedBufferedMin == Long.MAX_VALUE ? 0 : droppedBufferedMin), mib(droppedBufferedMax));
        System.out.printf(Locale.ROOT, "abrupt:  %,d reset their connection at random times; %,d clients saw their "
                + "connection reset by the server, %d failed otherwise%n", abrupt, resets, failures);
    }

    /** Every message delivered, in order per sender, and in one order per room for all its members. */
    boolean nothingLost() {
        return delivered == expected && disorder == 0 && slowStayedMissing == 0 && roomsInOneOrder == rooms;
    }

    boolean noneWronglyDropped() {
        return steadyDropped == 0 && slowWronglyDropped == 0 && slowDroppedOtherwise == 0 && failures == 0;
    }
}
