package io.github.wsline.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One chat room of {@link ChatSoak} as its clients see it: how many senders it has, what each has sent, and the text
 * its messages carry. A busy room's messages are 2,000 characters of CJK text (about 6 KB of UTF-8, the most a chat
 * message may be), a quiet room's about 150 ASCII characters.
 */
final class SoakRoom {
    /** The server's event around a message's text ({@code from}, {@code room}, {@code ts}) is at most this long. */
    static final int EVENT_OVERHEAD = 120;
    private static final int BUSY_TEXT_CHARS = 1980; // plus "#sender.seq ": within the server's 2,000 characters
    private static final String QUIET_TEXT = "the quick brown fox jumps over the lazy dog, ".repeat(3);

    final String name;
    final boolean busy;
    final int senders;
    /** The text of every message after its id, UTF-8, nothing in it that JSON escapes. */
    final byte[] filler;
    private final AtomicIntegerArray sent;
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();

    SoakRoom(String name, boolean busy, int senders) {
        this.name = name;
        this.busy = busy;
        this.senders = senders;
        this.filler = (busy ? cjk(BUSY_TEXT_CHARS) : QUIET_TEXT).getBytes(UTF_8);
        this.sent = new AtomicIntegerArray(senders);
    }

    /** Common CJK ideographs from U+4E00 on: three bytes each in UTF-8, as a long message in Chinese would be. */
    private static String cjk(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x4E00 + i % 512));
        }
        return text.toString();
    }

    void recordSent(int sender, int bytes) {
        sent.incrementAndGet(sender);
        messagesSent.incrementAndGet();
        bytesSent.addAndGet(bytes);
    }

    /** Messages {@code sender} has sent so far. */
    int sent(int sender) {
        return sent.get(sender);
    }

    long messagesSent() {
        return messagesSent.get();
    }

    /** Bytes of JSON the senders wrote; the server's events for them are up to {@link #EVENT_OVERHEAD} more each. */
    long bytesSent() {
        return bytesSent.get();
    }
}
