package io.github.wsline.server;

import static io.github.wsline.server.MessageRateLimit.Decision.ACCEPT;
import static io.github.wsline.server.MessageRateLimit.Decision.CLOSE;
import static io.github.wsline.server.MessageRateLimit.Decision.DROP;
import static io.github.wsline.server.MessageRateLimit.Decision.DROP_AND_WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.server.MessageRateLimit.Decision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket alone, on a clock of plain numbers: 10 messages per second, bursts of 5. */
class MessageRateLimitTest {
    private static final int PER_SECOND = 10;
    private static final int BURST = 5;
    private static final long SECOND = 1_000_000_000L;
    private static final long INTERVAL = SECOND / PER_SECOND;
    /** Any start: the ticker's origin is arbitrary, and may be negative. */
    private static final long START = -7 * SECOND;

    private final MessageRateLimit limit = new MessageRateLimit(PER_SECOND, BURST, START);

    private List<Decision> send(int messages, long atNanos) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            decisions.add(limit.onMessage(atNanos));
        }
        return decisions;
    }

    /** A limit whose burst was used up at {@code START}. */
    private static MessageRateLimit emptied() {
        MessageRateLimit emptied = new MessageRateLimit(PER_SECOND, BURST, START);
        for (int i = 0; i < BURST; i++) {
            assertEquals(ACCEPT, emptied.onMessage(START));
        }
        return emptied;
    }

    private static List<Decision> repeat(int times, Decision decision) {
        return Collections.nCopies(times, decision);
    }

    @Test
    void startsFullWithTheBurst() {
        assertEquals(repeat(BURST, ACCEPT), send(BURST, START));
        assertEquals(DROP_AND_WARN, limit.onMessage(START));
    }

    @Test
    void onlyTheFirstDropOfARunWarns() {
        send(BURST, START);
        assertEquals(List.of(DROP_AND_WARN, DROP, DROP), send(3, START));
    }

    @Test
    void moreThanABurstOverTheLimitCloses() {
        send(BURST, START);
        List<Decision> overTheLimit = send(BURST + 1, START);
        assertEquals(DROP_AND_WARN, overTheLimit.get(0));
        assertEquals(repeat(BURST - 1, DROP), overTheLimit.subList(1, BURST));
        assertEquals(CLOSE, overTheLimit.get(BURST));
    }

    @Test
    void refillsAtTheRateUpToTheBurst() {
        send(BURST, START);
        assertEquals(repeat(3, ACCEPT), send(3, START + 3 * INTERVAL));
        assertEquals(DROP_AND_WARN, limit.onMessage(START + 3 * INTERVAL));

        long anHourLater = START + 3600 * SECOND;
        assertEquals(repeat(BURST, ACCEPT), send(BURST, anHourLater), "never more than the burst");
        assertEquals(DROP_AND_WARN, limit.onMessage(anHourLater));
    }

    @Test
    void aTokenTakesExactlyOneIntervalToEarn() {
        MessageRateLimit oneNanosecondShort = emptied();
        assertEquals(DROP_AND_WARN, oneNanosecondShort.onMessage(START + INTERVAL - 1));
        MessageRateLimit onTime = emptied();
        assertEquals(ACCEPT, onTime.onMessage(START + INTERVAL));
    }

    @Test
    void clientAtExactlyTheRateIsNeverLimited() {
        send(BURST, START);
        for (int i = 1; i <= 100 * PER_SECOND; i++) {
            assertEquals(ACCEPT, limit.onMessage(START + i * INTERVAL), "message " + i);
        }
    }

    @Test
    void droppedMessagesCostTokensSoATrickleOverTheRateGetsNothingThrough() {
        send(BURST, START);
        // Twice the rate: half a token earned per message. Without the debt every other message would pass.
        List<Decision> decisions = new ArrayList<>();
        for (int i = 1; decisions.isEmpty() || decisions.get(decisions.size() - 1) != CLOSE; i++) {
            decisions.add(limit.onMessage(START + i * INTERVAL / 2));
        }
        assertEquals(DROP_AND_WARN, decisions.get(0));
        assertEquals(repeat(decisions.size() - 2, DROP), decisions.subList(1, decisions.size() - 1));
        // At half a token owed per message, the debt passes the burst with message 2 * BURST + 1.
        assertEquals(2 * BURST + 1, decisions.size());
    }

    @Test
    void backingOffClearsTheDebtAndTheNextRunWarnsAgain() {
        send(BURST, START);
        assertEquals(List.of(DROP_AND_WARN, DROP), send(2, START)); // two tokens owed
        long later = START + 3 * INTERVAL; // the debt paid and one token earned
        assertEquals(List.of(ACCEPT, DROP_AND_WARN), send(2, later));
    }

    @Test
    void rateAndBurstMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new MessageRateLimit(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MessageRateLimit(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MessageRateLimit(-1, 1, 0));
    }

    @Test
    void largestSettingsDoNotOverflow() {
        MessageRateLimit fast = new MessageRateLimit(Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
        assertEquals(ACCEPT, fast.onMessage(0));
        assertEquals(ACCEPT, fast.onMessage(10 * SECOND)); // 10 s at 2^31 tokens a second: past a long's range
        MessageRateLimit slow = new MessageRateLimit(1, Integer.MAX_VALUE, 0);
        assertEquals(ACCEPT, slow.onMessage(0));
        assertEquals(ACCEPT, slow.onMessage(Long.MAX_VALUE));
    }
}
