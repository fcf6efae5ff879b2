package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A tool from outside the build that a test needs (a browser, node): its absence skips the test, except in CI. */
final class RequiredTool {
    private RequiredTool() {
    }

    /** Skips the test with {@code message} unless {@code installed}; fails it instead under {@code CI=true}. */
    static void require(boolean installed, String message) {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(installed, message); // CI must run it, not skip it
        } else {
            assumeTrue(installed, message);
        }
    }
}
