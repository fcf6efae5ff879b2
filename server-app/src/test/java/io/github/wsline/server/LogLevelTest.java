package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** {@code --log-level}: parsed in any case, and applied to the server's loggers only, not to Netty's. */
class LogLevelTest {
    private final Logger serverLoggers = (Logger) LoggerFactory.getLogger(LogLevel.SERVER_LOGGERS);
    private final Level configured = serverLoggers.getLevel();

    @AfterEach
    void restoreTheConfiguredLevel() {
        serverLoggers.setLevel(configured);
    }

    @Test
    void levelIsParsedInAnyCase() {
        ChatServerOptions options = new ChatServerOptions();
        new CommandLine(options).parseArgs("--log-level", "Debug");

        assertEquals(LogLevel.DEBUG, options.logLevel);
    }

    @Test
    void unknownLevelIsRefusedWithTheLevelsToChooseFrom() {
        TypeConversionException refusal =
                assertThrows(TypeConversionException.class, () -> new LogLevel.Converter().convert("loud"));

        assertEquals("Use error, warn, info, debug or trace.", refusal.getMessage());
    }

    @Test
    void withoutTheOptionTheConfigurationDecides() {
        ChatServerOptions options = new ChatServerOptions();
        new CommandLine(options).parseArgs();

        assertEquals(null, options.logLevel);
    }

    @Test
    void debugReachesEveryServerLoggerButNotNetty() {
        LogLevel.DEBUG.apply();

        assertTrue(LoggerFactory.getLogger(WebSocketSession.class).isDebugEnabled());
        assertTrue(LoggerFactory.getLogger("io.github.wsline.codec.WebSocketConnectionHandler").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline").isDebugEnabled());
    }
}
