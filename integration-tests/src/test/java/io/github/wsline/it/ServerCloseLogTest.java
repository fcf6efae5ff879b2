package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.netty.util.concurrent.Ticker;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the chat server logs when it closes a WebSocket itself: one INFO line with the client's address, the endpoint,
 * the code and the reason, so that an operator can tell why a client was dropped; and at DEBUG, one access-log line
 * per session when its connection ends.
 */
class ServerCloseLogTest {
    private static final String SESSION_LOGGER = "io.github.wsline.server.WebSocketSession";
    private static final String CLIENT = "/127\\.0\\.0\\.1:\\d+";

    private LogRecorder log;
    private ServerFixture server;

    @BeforeEach
    void recordSessionLog() {
        log = LogRecorder.attach(SESSION_LOGGER, Level.DEBUG);
    }

    @AfterEach
    void stopServerAndRecording() {
        if (server != null) {
            server.close();
        }
        log.close();
    }

    @Test
    void rateLimitCloseIsLoggedAtInfoWithAddressCodeAndReason() throws Exception {
        // Frozen refills, 1 per second in bursts of 1: the third message is more than a burst over the limit.
        server = ServerFixture.start(Ticker.newMockTicker(), "--max-messages-per-second", "1", "--message-burst", "1");
        JdkClient flooder = server.join("flooder", "lobby");
        flooder.say("one");
        flooder.say("two");
        flooder.say("three");
        assertEquals(1008, flooder.closeCode());

        log.await(Level.INFO,
                Pattern.compile(CLIENT + " /chat closed by the server: 1008 Message rate limit exceeded\\."));
    }

    @Test
    void oversizedMessageCloseIsLoggedAtInfoWith1009() throws Exception {
        server = ServerFixture.start("--max-message-size", "1000");
        JdkClient client = server.connect("/echo");
        client.sendText("x".repeat(2000));
        assertEquals(1009, client.closeCode());

        log.await(Level.INFO, Pattern.compile(CLIENT + " /echo closed by the server: 1009 .+"));
    }

    @Test
    void idleTimeoutCloseIsLoggedAtInfo() throws Exception {
        // No keepalive Ping: the client stays silent, and the idle timer fires after a second.
        server = ServerFixture.start("--idle-timeout", "1", "--ping-interval", "0");
        JdkClient client = server.join("sleeper", "lobby");
        assertEquals(1001, client.closeCode());

        log.await(Level.INFO, Pattern.compile(CLIENT + " /chat closed by the server: 1001 Idle timeout\\."));
    }

    @Test
    void sessionEndIsLoggedAtDebugWithTrafficAndCloseCode() throws Exception {
        server = ServerFixture.start();
        JdkClient client = server.connect("/echo");
        client.sendText("hello");
        assertEquals("hello", client.nextText());
        client.sendClose();
        assertEquals(1000, client.closeCode());

        // "hello" is 5 bytes; on the wire, a masked frame of 2 + 4 + 5 bytes in and 2 + 5 bytes out, plus the Closes.
        log.await(Level.DEBUG, Pattern.compile(CLIENT + " /echo session ended: duration_ms=\\d+ "
                + "in: messages=1 bytes=5 wire_bytes=19 out: messages=1 bytes=5 wire_bytes=11 "
                + "close_code=1000 closed_by=client"));
    }

    @Test
    void protocolViolationIsLoggedAtDebugOnly() throws Exception {
        server = ServerFixture.start();
        try (RawClient client = RawClient.upgrade(server.server().address(), "/echo", 0)) {
            client.send(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}); // a Text frame "hi", unmasked: §5.1 forbids it
            client.readUntilClosed();
        }

        log.await(Level.DEBUG, Pattern.compile(CLIENT + " /echo closed by the server: 1002 .+"));
        log.await(Level.DEBUG, Pattern.compile(CLIENT + " /echo session ended: .* closed_by=server"));
        assertTrue(log.lines().stream().noneMatch(line -> line.startsWith("INFO")), log.lines()::toString);
    }

    @Test
    void closeTheClientStartsIsNotLoggedAtInfo() throws Exception {
        server = ServerFixture.start();
        JdkClient client = server.connect("/echo");
        client.sendClose();
        assertEquals(1000, client.closeCode());

        log.await(Level.DEBUG, Pattern.compile(CLIENT + " /echo session ended: .* closed_by=client"));
        assertTrue(log.lines().stream().noneMatch(line -> line.startsWith("INFO")), log.lines()::toString);
    }
}
