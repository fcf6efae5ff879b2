package io.github.wsline.server;

/**
 * One connection's allowance of chat messages: a token bucket that holds up to {@code burst} tokens, starts full and
 * refills at {@code perSecond}; every message the client sends takes one token.
 *
 * <p>A message that finds the bucket empty is dropped, and still takes its token: the bucket goes into debt. So a
 * client that keeps sending over the limit gets nothing through until it slows down below the rate (only the first
 * drop of such a run is reported, {@link Decision#DROP_AND_WARN}), and once it is more than {@code burst} messages
 * over the limit it is disconnected ({@link Decision#CLOSE}). A client that never sends faster than the rate, after
 * bursts of at most {@code burst}, is never limited.
 *
 * <p>Time is the caller's {@code nanoTime}: {@link ChatHandler}'s clock, which tests freeze or move by hand. The
 * arithmetic is exact: a token is {@link #TOKEN} units and a nanosecond adds {@code perSecond} of them.
 */
final class MessageRateLimit {
    static final int DEFAULT_PER_SECOND = 20;
    static final int DEFAULT_BURST = 40;

    /** One token, in units of which a nanosecond of waiting earns {@code perSecond}. */
    private static final long TOKEN = 1_000_000_000L;

    /** What to do with a message. */
    enum Decision {
        /** Within the limit: handle it. */
        ACCEPT,
        /** The first message over the limit since the last accepted one: drop it and tell the client. */
        DROP_AND_WARN,
        /** Over the limit again: drop it without a word. */
        DROP,
        /** More than {@code burst} messages over the limit: disconnect the client. */
        CLOSE
    }

    private final long perSecond;
    private final long capacity;
    private final long maxDebt;
    private long credit; // from -(maxDebt + TOKEN) to capacity; negative is debt
    private long lastRefillNanos;
    private boolean overLimit;

    MessageRateLimit(int perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("The rate and the burst must be positive.");
        }
        this.perSecond = perSecond;
        this.capacity = burst * TOKEN;
        this.maxDebt = burst * TOKEN;
        this.credit = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes a token for a message that arrives at {@code nowNanos}, and says what to do with the message. */
    Decision onMessage(long nowNanos) {
        refill(nowNanos);
        credit -= TOKEN;
        if (credit >= 0) {
            overLimit = false;
            return Decision.ACCEPT;
        }
        if (credit < -maxDebt) {
            return Decision.CLOSE;
        }
        if (overLimit) {
            return Decision.DROP;
        }
        overLimit = true;
        return Decision.DROP_AND_WARN;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastRefillNanos);
        lastRefillNanos = nowNanos;
        long missing = capacity - credit;
        // Past missing / perSecond the bucket is full; below it elapsed * perSecond <= missing cannot overflow.
        credit = elapsed > missing / perSecond ? capacity : credit + elapsed * perSecond;
    }
}
