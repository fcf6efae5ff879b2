package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The chat server's timeout options reach the connections it serves. What the option is set to is read from the
 * configuration the server hands every connection, not timed: on a busy machine a close after 1 s and one after the
 * default 10 s cannot be told apart by a wall clock.
 */
class ChatTimeoutsEndToEndTest {
    @Test
    void handshakeTimeoutOptionIsTheConnectionsHandshakeTimeout() throws Exception {
        try (ServerFixture server = ServerFixture.start("--handshake-timeout", "1")) {
            assertEquals(Duration.ofSeconds(1), server.server().webSockets().handshakeTimeout());
        }
    }

    @Test
    void connectionThatNeverSendsARequestIsClosedWithoutAByte() throws Exception {
        try (ServerFixture server = ServerFixture.start("--handshake-timeout", "1");
                Socket socket = new Socket(server.server().address().getAddress(), server.port())) {
            socket.setSoTimeout((int) JdkClient.TIMEOUT.toMillis()); // only a server that never closes it fails
            assertEquals(-1, socket.getInputStream().read());
        }
    }
}
