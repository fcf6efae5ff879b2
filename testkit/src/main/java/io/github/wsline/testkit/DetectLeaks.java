package io.github.wsline.testkit;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 (Jupiter) extension that fails the test during which a Netty {@link ByteBuf} leaked, with the leak's
 * access record in the failure message:
 *
 * <pre>{@code
 * @ExtendWith(DetectLeaks.class)
 * class MyHandlerTest { ... }
 * }</pre>
 *
 * <p>Netty's leak detector finds a leak only when the garbage collector collects a buffer that was never released,
 * and then only logs it, on some later allocation: left alone, a leaking handler passes its test. For each test this
 * extension sets the detector to {@code paranoid} (every buffer tracked, with its access record), and after the test
 * runs the garbage collector, makes the detector look at what it collected, and fails the test with every leak it
 * reported. It needs no system property and no build setting: it listens to the detector Netty made for
 * {@code ByteBuf}s, wherever the application's code runs.
 *
 * <p>What it catches: a buffer allocated during the test by a Netty allocator ({@code ctx.alloc()},
 * {@code ByteBufAllocator.DEFAULT}, {@code Unpooled.buffer} or {@code copiedBuffer}: every buffer a decoder makes),
 * unreachable and unreleased when the test ends. Netty tracks no buffer that only wraps an array
 * ({@code Unpooled.wrappedBuffer}). A buffer still referenced then (held by a channel the test did not
 * close) is not garbage and is not reported; close channels with {@code finishAndReleaseAll()} or use the kit's
 * clients, whose {@code close()} does. Netty reports a leak with exactly the same access record once per JVM, so a
 * repeated test leaking from the same place fails the first time only.
 *
 * <p>It needs {@code System.gc()} to collect: under {@code -XX:+DisableExplicitGC} it fails the test class with an
 * {@link ExtensionConfigurationException} rather than miss every leak.
 *
 * <p>Cost: two garbage collections after each test, a few milliseconds on a small heap (see the testkit guide), and
 * paranoid tracking during the test.
 */
public final class DetectLeaks implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final int GC_ROUNDS = 2;
    /** How long a collection may take on a busy machine before the JVM is deemed not to collect on request. */
    private static final long GC_WAIT_MILLIS = 60_000;
    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DetectLeaks.class);

    /** Creates the extension; JUnit does, for {@code @ExtendWith(DetectLeaks.class)}. */
    public DetectLeaks() {
    }

    /**
     * Starts listening to Netty's {@code ByteBuf} leak detector, and forgets leaks of buffers collected before this
     * test class: they are not its tests'.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        if (explicitGcDisabled()) {
            throw new ExtensionConfigurationException("DetectLeaks needs System.gc() to collect, and the JVM runs with "
                    + "-XX:+DisableExplicitGC.");
        }
        byteBufLeakDetector().setLeakListener((resourceType, records) -> LEAKS.add(resourceType + " leaked:" + records));
        collectLeaks();
        LEAKS.clear();
    }

    /** Turns paranoid leak detection on for the test. */
    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(ResourceLeakDetector.Level.class, ResourceLeakDetector.getLevel());
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    /**
     * Collects the garbage the test left, restores the detection level, and fails the test if it leaked.
     *
     * @throws AssertionError naming each leaked buffer's access record
     */
    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        try {
            collectLeaks();
        } finally {
            ResourceLeakDetector.setLevel(context.getStore(NAMESPACE)
                    .getOrDefault(ResourceLeakDetector.Level.class, ResourceLeakDetector.Level.class,
                            ResourceLeakDetector.getLevel()));
        }
        List<String> leaks = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            leaks.add(leak);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " buffer(s) leaked during " + context.getDisplayName()
                    + " (never released, then garbage-collected):\n" + String.join("\n", leaks));
        }
    }

    /**
     * Runs the garbage collector, waiting each time until the JVM has processed its weak references so that leaked
     * buffers are queued, then tracks one buffer: Netty's detector reports what it found when it tracks the next one.
     */
    private static void collectLeaks() throws InterruptedException {
        for (int i = 0; i < GC_ROUNDS; i++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            if (queue.remove(GC_WAIT_MILLIS) == null) { // reached only when the JVM did not collect at all
                throw new ExtensionConfigurationException("DetectLeaks: System.gc() collected nothing within "
                        + GC_WAIT_MILLIS / 1000 + " s, so leaks cannot be found.");
            }
            sentinel.clear();
            ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID); // so that this buffer is tracked
            try {
                ByteBufAllocator.DEFAULT.heapBuffer(1).release();
            } finally {
                ResourceLeakDetector.setLevel(level);
            }
        }
    }

    /** Whether the JVM ignores System.gc(), which HotSpot does with -XX:+DisableExplicitGC. */
    private static boolean explicitGcDisabled() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption("DisableExplicitGC").getValue());
        } catch (RuntimeException | LinkageError e) { // another JVM: the wait in collectLeaks still tells
            return false;
        }
    }

    /**
     * The detector of every {@code ByteBuf}, which Netty creates once per JVM ({@code AbstractByteBuf.leakDetector}).
     * Read by reflection, allowed because Netty's jars are not named modules: it may have been created before this
     * extension ran, so a detector of our own could not replace it.
     */
    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> byteBufLeakDetector() {
        try {
            Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
            field.setAccessible(true);
            return (ResourceLeakDetector<ByteBuf>) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("DetectLeaks cannot reach Netty's ByteBuf leak detector "
                    + "(AbstractByteBuf.leakDetector) in this version of Netty: " + e, e);
        }
    }
}
