package io.github.wsline.codec.internal;

import java.time.Duration;

/**
 * The argument checks of wsline's configuration builders, with one message format: {@code "maxMessageSize must be
 * positive, got 0."} for an {@link IllegalArgumentException}, {@code "closeTimeout must not be null."} for a
 * {@link NullPointerException}. Each check returns its argument, so a setter checks and assigns in one statement.
 *
 * <p>Not API: shared by wsline's own modules; may change in any release.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Returns {@code value} when it is not null.
     *
     * @param <T>   the argument's type
     * @param name  the argument's name, as the builder method calls it
     * @param value the argument
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null.");
        }
        return value;
    }

    /**
     * Returns {@code value} when it is greater than zero.
     *
     * @param name  the argument's name, as the builder method calls it
     * @param value the argument
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is zero or negative
     */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw invalid(name, "must be positive", value);
        }
        return value;
    }

    /**
     * Returns {@code value} when it is zero or more.
     *
     * @param name  the argument's name, as the builder method calls it
     * @param value the argument
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public static int notNegative(String name, int value) {
        if (value < 0) {
            throw invalid(name, "must not be negative", value);
        }
        return value;
    }

    /**
     * Returns {@code value} when it lies between {@code min} and {@code max}, both included.
     *
     * @param name  the argument's name, as the builder method calls it
     * @param value the argument
     * @param min   the smallest value allowed
     * @param max   the largest value allowed
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is below {@code min} or above {@code max}
     */
    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(name, "must be " + min + " to " + max, value);
        }
        return value;
    }

    /**
     * Returns {@code value} when it is a duration longer than zero.
     *
     * @param name  the argument's name, as the builder method calls it
     * @param value the argument
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is zero or negative
     */
    public static Duration positive(String name, Duration value) {
        if (notNull(name, value).isNegative() || value.isZero()) {
            throw invalid(name, "must be positive", value);
        }
        return value;
    }

    /**
     * Returns {@code value} when it is a duration of zero or more.
     *
     * @param name  the argument's name, as the builder method calls it
     * @param value the argument
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public static Duration notNegative(String name, Duration value) {
        if (notNull(name, value).isNegative()) {
            throw invalid(name, "must not be negative", value);
        }
        return value;
    }

    /**
     * Throws unless {@code valid}, for a rule the other checks do not express.
     *
     * @param valid       whether the argument follows the rule
     * @param name        the argument's name, as the builder method calls it
     * @param requirement what the rule asks, as a sentence's predicate: {@code "must be a power of two"}
     * @param value       the argument, for the message
     * @throws IllegalArgumentException when not {@code valid}: {@code "<name> <requirement>, got <value>."}
     */
    public static void require(boolean valid, String name, String requirement, Object value) {
        if (!valid) {
            throw invalid(name, requirement, value);
        }
    }

    private static IllegalArgumentException invalid(String name, String requirement, Object value) {
        return new IllegalArgumentException(name + " " + requirement + ", got " + value + ".");
    }
}
