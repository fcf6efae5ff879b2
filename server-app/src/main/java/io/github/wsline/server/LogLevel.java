package io.github.wsline.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --log-level}: the level of the server's own loggers ({@code io.github.wsline}: codec, handshake and server),
 * set through Logback when the server starts. Netty's loggers keep the level of the Logback configuration, so that
 * {@code debug} shows the server's protocol violations and sessions without Netty's start-up chatter.
 */
enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** The logger whose level the option sets: the parent of every wsline logger. */
    static final String SERVER_LOGGERS = "io.github.wsline";

    void apply() {
        ((Logger) LoggerFactory.getLogger(SERVER_LOGGERS)).setLevel(Level.toLevel(name()));
    }

    /** Accepts the level in any case, as Logback's configuration does. */
    static final class Converter implements ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("Use error, warn, info, debug or trace.");
            }
        }
    }
}
