package io.github.wsline.testsupport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.EmptyByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it hands out, so that a test can check, right after one input, that all
 * of them were released: a leak fails that very input, deterministically, with no garbage collection involved (which
 * is what a fuzz target needs; Netty's leak detector reports leaks only after a GC, long after the input that leaked).
 * Give it to a channel with {@code channel.config().setAllocator(...)} before adding the handlers.
 *
 * <p>Buffers that did not come from it (a {@code CloseWebSocketFrame}'s payload, made with {@code Unpooled}) can be
 * handed to {@link #track(ByteBuf)} as they pass by. The buffers themselves are plain unpooled heap buffers, not
 * watched by Netty's leak detector, so that paranoid leak detection does not slow a fuzzer down.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {
    private final UnpooledByteBufAllocator delegate = new UnpooledByteBufAllocator(false, true);
    private final List<ByteBuf> buffers = new ArrayList<>();

    public TrackingAllocator() {
        super(false);
    }

    /** Adds {@code buf} to the buffers that must be released by the end; returns it. */
    public <B extends ByteBuf> B track(B buf) {
        if (!(buf instanceof EmptyByteBuf)) { // Unpooled.EMPTY_BUFFER cannot be released and needs not be
            buffers.add(buf);
        }
        return buf;
    }

    /** How many buffers were handed out or tracked. */
    public int count() {
        return buffers.size();
    }

    /** Throws an {@link AssertionError} naming every buffer whose reference count is not zero. */
    public void assertAllReleased() {
        List<String> leaked = new ArrayList<>();
        for (int i = 0; i < buffers.size(); i++) {
            ByteBuf buf = buffers.get(i);
            if (buf.refCnt() != 0) {
                leaked.add("buffer #" + i + " of " + buffers.size() + " (" + buf.getClass().getSimpleName()
                        + ", capacity " + buf.capacity() + ") has refCnt " + buf.refCnt());
            }
        }
        if (!leaked.isEmpty()) {
            throw new AssertionError(leaked.size() + " buffer(s) leaked:\n" + String.join("\n", leaked));
        }
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.heapBuffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.directBuffer(initialCapacity, maxCapacity));
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return track(new CompositeByteBuf(this, false, maxNumComponents));
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return track(new CompositeByteBuf(this, true, maxNumComponents));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }
}
