package io.github.wsline.testsupport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails every test after which Netty's leak detector reports a leaked buffer. Registered for all tests through
 * JUnit's extension auto-detection ({@code META-INF/services}); refuses to run at all unless the detector is at
 * {@code paranoid} and recording, so a misconfigured module cannot pass silently.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterEachCallback {
    private static final int GC_ROUNDS = 2;

    @Override
    public void beforeAll(ExtensionContext context) {
        ByteBufAllocator.DEFAULT.buffer(1).release(); // creates the ByteBuf leak detector
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID || !RecordingLeakDetector.isInstalled()) {
            throw new IllegalStateException("Tests must run with -Dio.netty.leakDetection.level=paranoid and "
                    + "-Dio.netty.customResourceLeakDetector=" + RecordingLeakDetector.class.getName()
                    + " (the parent POM's Surefire argLine)");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (int i = 0; i < GC_ROUNDS; i++) {
            collectGarbage();
            // The detector reports collected-but-unreleased buffers when the next buffer is tracked.
            ByteBufAllocator.DEFAULT.buffer(1).release();
        }
        List<String> leaks = RecordingLeakDetector.drainLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " leak(s) after " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }

    /** Runs a GC and waits until the JVM has processed its weak references, so leaked buffers are enqueued. */
    private static void collectGarbage() throws InterruptedException {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        System.gc();
        if (queue.remove(1_000) == null) {
            sentinel.clear();
        }
    }
}
