package io.github.wsline.testkit.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.testkit.DetectLeaks;
import io.github.wsline.testkit.WebSocketTestClient;
import io.github.wsline.testsupport.RecordingLeakDetector;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A test of the test: a handler that never releases what it reads fails its test under {@link DetectLeaks}, for the
 * leak and with the leak's access record; fixed, the same test passes. The tests under test run through the JUnit
 * Platform launcher, as a build runs them.
 */
class DetectLeaksTest {
    /** Reads every message and forgets to release it: the bug Netty only logs. */
    static final class ForgetfulHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
        }
    }

    /** The same handler, fixed. */
    static final class ReleasingHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Run by the launcher below only: a nested class, which the build's own test run leaves out. */
    @ExtendWith(DetectLeaks.class)
    static class LeakingHandlerScenario {
        @Test
        void sendsOneMessage() {
            try (WebSocketTestClient client = WebSocketTestClient.openUpgraded(WebSocketConfig.builder().build(),
                    new ForgetfulHandler())) {
                client.sendText("hello");
            }
        }
    }

    /** Run by the launcher below only. */
    @ExtendWith(DetectLeaks.class)
    static class FixedHandlerScenario {
        @Test
        void sendsOneMessage() {
            try (WebSocketTestClient client = WebSocketTestClient.openUpgraded(WebSocketConfig.builder().build(),
                    new ReleasingHandler())) {
                client.sendText("hello");
            }
        }
    }

    @Test
    void aHandlerThatLeaksFailsItsTestWithTheAccessRecord() {
        TestExecutionSummary summary = run(LeakingHandlerScenario.class);
        RecordingLeakDetector.drainLeaks(); // the leak was on purpose: this build's own leak check must not fail us

        assertEquals(1, summary.getTestsFailedCount());
        Throwable failure = summary.getFailures().get(0).getException();
        assertEquals(AssertionError.class, failure.getClass());
        String message = failure.getMessage();
        assertTrue(message.startsWith("1 buffer(s) leaked during sendsOneMessage() (never released, then "
                + "garbage-collected):\nByteBuf leaked:"), message);
        assertTrue(message.contains("Created at:"), message);
        assertTrue(message.contains(LeakingHandlerScenario.class.getName() + ".sendsOneMessage"), message);
    }

    @Test
    void theSameTestPassesOnceTheHandlerReleases() {
        TestExecutionSummary summary = run(FixedHandlerScenario.class);
        assertEquals(List.of(), summary.getFailures());
        assertEquals(1, summary.getTestsSucceededCount());
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build(), listener);
        return listener.getSummary();
    }
}
