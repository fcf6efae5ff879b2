package io.github.wsline.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Records what one of the server's loggers logs, from the event loops, for a test to wait for the line it expects.
 * Attached for one test at the level the test needs, and detached (its level restored) by {@link #close()}.
 */
final class LogRecorder extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final List<ILoggingEvent> seen = new ArrayList<>();
    private final Logger logger;
    private final Level previousLevel;

    private LogRecorder(Logger logger, Level level) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        logger.setLevel(level);
        start();
        logger.addAppender(this);
    }

    static LogRecorder attach(String loggerName, Level level) {
        return new LogRecorder((Logger) LoggerFactory.getLogger(loggerName), level);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /**
     * The first event at {@code level} whose message matches {@code message} entirely; waits for it, at most
     * {@link JdkClient#TIMEOUT} for each line logged meanwhile.
     */
    ILoggingEvent await(Level level, Pattern message) throws InterruptedException {
        while (true) {
            for (ILoggingEvent event : seen) {
                if (event.getLevel() == level && message.matcher(event.getFormattedMessage()).matches()) {
                    return event;
                }
            }
            ILoggingEvent next = events.poll(JdkClient.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("No " + level + " line matching " + message + " in " + lines());
            }
            seen.add(next);
        }
    }

    /** Every line logged so far, as "LEVEL message". */
    List<String> lines() {
        events.drainTo(seen);
        return seen.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(previousLevel);
        stop();
    }
}
