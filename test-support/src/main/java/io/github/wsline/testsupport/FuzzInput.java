package io.github.wsline.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;

/**
 * One fuzz input as wsline's fuzz targets read it: a first byte of options, then the bytes that arrive from the peer.
 * <pre>
 *   byte 0, bits 0-4   read size: 0 = all the bytes in one read, n = reads of n bytes (the last one shorter)
 *   byte 0, bits 5-7   flags, each target says what they mean ({@link #flag(int)})
 *   bytes 1..          the bytes on the wire
 * </pre>
 * A seed file is written the same way: {@code 00} followed by a frame is that frame in one read, {@code 01} followed
 * by it is the frame one byte at a time.
 */
public record FuzzInput(int options, byte[] wire) {
    public static final int FLAG_5 = 1 << 5;
    public static final int FLAG_6 = 1 << 6;
    public static final int FLAG_7 = 1 << 7;

    private static final int READ_SIZE_MASK = 0x1F;

    public static FuzzInput of(byte[] data) {
        if (data.length == 0) {
            return new FuzzInput(0, data);
        }
        return new FuzzInput(data[0] & 0xFF, Arrays.copyOfRange(data, 1, data.length));
    }

    /** Bytes per read; 0 means all of them in one read. */
    public int readSize() {
        return options & READ_SIZE_MASK;
    }

    /** Whether {@code flag} ({@link #FLAG_5}, {@link #FLAG_6} or {@link #FLAG_7}) is set. */
    public boolean flag(int flag) {
        return (options & flag) != 0;
    }

    /**
     * Writes the wire bytes into {@code channel} as reads of {@link #readSize()} bytes, each in a new buffer from the
     * channel's allocator (wrapped read-only when {@code readOnly}, as some transports hand them over). Stops once the
     * channel is closed, as a transport would. Rethrows an exception that reached the end of the pipeline.
     */
    public void deliver(EmbeddedChannel channel, boolean readOnly) {
        int step = readSize() == 0 ? Math.max(wire.length, 1) : readSize();
        for (int offset = 0; offset < wire.length && channel.isOpen(); offset += step) {
            int length = Math.min(step, wire.length - offset);
            ByteBuf read = channel.alloc().buffer(length).writeBytes(wire, offset, length);
            channel.writeInbound(readOnly ? read.asReadOnly() : read);
        }
        channel.checkException();
    }
}
