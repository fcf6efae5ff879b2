package io.github.wsline.codec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One message format for every configuration check: the name, the rule, the value refused. */
class ChecksTest {
    @Test
    void validArgumentsAreReturned() {
        Duration second = Duration.ofSeconds(1);
        assertEquals(1, Checks.positive("n", 1));
        assertEquals(0, Checks.notNegative("n", 0));
        assertEquals(9, Checks.inRange("n", 9, 0, 9));
        assertSame(second, Checks.positive("d", second));
        assertSame(Duration.ZERO, Checks.notNegative("d", Duration.ZERO));
        assertSame(second, Checks.notNull("d", second));
    }

    @Test
    void intRulesSayWhatTheyRefused() {
        assertRefused("maxMessageSize must be positive, got 0.", () -> Checks.positive("maxMessageSize", 0));
        assertRefused("threshold must not be negative, got -1.", () -> Checks.notNegative("threshold", -1));
        assertRefused("level must be 0 to 9, got 10.", () -> Checks.inRange("level", 10, 0, 9));
        assertRefused("level must be 0 to 9, got -1.", () -> Checks.inRange("level", -1, 0, 9));
    }

    @Test
    void durationRulesSayWhatTheyRefused() {
        assertRefused("closeTimeout must be positive, got PT0S.", () -> Checks.positive("closeTimeout", Duration.ZERO));
        assertRefused("pingInterval must not be negative, got PT-1S.",
                () -> Checks.notNegative("pingInterval", Duration.ofSeconds(-1)));
    }

    @Test
    void nullIsRefusedWithItsName() {
        NullPointerException refused =
                assertThrows(NullPointerException.class, () -> Checks.positive("closeTimeout", (Duration) null));
        assertEquals("closeTimeout must not be null.", refused.getMessage());
    }

    @Test
    void anyOtherRuleUsesTheSameFormat() {
        assertRefused("bits must be a power of two, got 3.", () -> Checks.require(false, "bits", "must be a power of two", 3));
    }

    private static void assertRefused(String message, Executable check) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, check).getMessage());
    }
}
