package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as {@link ChatServerMain} reads it: picocli parses, then {@link ChatServerOptions#validate()}. */
class ChatServerOptionsTest {
    private static ChatServerOptions parse(String... args) {
        ChatServerOptions options = new ChatServerOptions();
        new CommandLine(options).parseArgs(args);
        options.validate();
        return options;
    }

    /** The usage text on one line, so that wrapped descriptions can be searched. */
    private static String usage() {
        return new CommandLine(new ChatServerOptions()).getUsageMessage().replaceAll("\\s+", " ");
    }

    @Test
    void messageRateLimitDefaultsTo20PerSecondInBurstsOf40() {
        ChatServerOptions options = parse();
        assertEquals(20, options.maxMessagesPerSecond);
        assertEquals(40, options.messageBurst);
    }

    @Test
    void messageRateLimitCanBeSet() {
        ChatServerOptions options = parse("--max-messages-per-second", "5", "--message-burst", "8");
        assertEquals(5, options.maxMessagesPerSecond);
        assertEquals(8, options.messageBurst);
    }

    @Test
    void helpShowsTheMessageRateLimitDefaults() {
        String usage = usage();
        assertTrue(usage.matches(".*--max-messages-per-second=N [^-]*Default: 20\\..*"), usage);
        assertTrue(usage.matches(".*--message-burst=N .*Default: 40\\..*"), usage);
    }

    @Test
    void zeroOrNegativeMessageRateLimitIsRejected() {
        List<List<String>> refusals = List.of(
                List.of("--max-messages-per-second", "0"), List.of("--max-messages-per-second", "-1"),
                List.of("--message-burst", "0"), List.of("--message-burst", "-5"));
        for (List<String> args : refusals) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> parse(args.toArray(String[]::new)), args::toString);
            assertEquals("--max-messages-per-second and --message-burst must be positive.", refused.getMessage());
        }
    }

    @Test
    void timeoutsDefaultToTheLibrarysAndCanBeSet() {
        ChatServerOptions defaults = parse();
        assertEquals(List.of(30, 10, 10),
                List.of(defaults.pongTimeoutSeconds, defaults.handshakeTimeoutSeconds, defaults.closeTimeoutSeconds));
        ChatServerOptions set = parse("--pong-timeout", "5", "--handshake-timeout", "3", "--close-timeout", "2");
        assertEquals(List.of(5, 3, 2), List.of(set.pongTimeoutSeconds, set.handshakeTimeoutSeconds, set.closeTimeoutSeconds));
    }

    @Test
    void zeroTimeoutIsRejected() {
        for (String option : List.of("--pong-timeout", "--handshake-timeout", "--close-timeout")) {
            assertThrows(IllegalArgumentException.class, () -> parse(option, "0"), option);
        }
    }
}
