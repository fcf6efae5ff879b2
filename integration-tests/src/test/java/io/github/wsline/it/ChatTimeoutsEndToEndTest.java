package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The chat server's timeout options reach the connections it serves. */
class ChatTimeoutsEndToEndTest {
    @Test
    void connectionThatNeverSendsARequestIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (ServerFixture server = ServerFixture.start("--handshake-timeout", "1");
                Socket socket = new Socket(server.server().address().getAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();

            assertEquals(-1, in.read(), "closed without a byte");
            // The default, 10 s, would also close it; well before that, the option was applied.
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(Duration.ofSeconds(8)) < 0, "closed after " + waited);
        }
    }
}
