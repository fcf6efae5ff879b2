package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --max-messages-per-second} and {@code --message-burst} over real sockets, at 1 per second in bursts of 1.
 * The rate limit's clock is frozen: no token comes back during the test, however slowly a busy machine delivers the
 * messages (refilling is {@link ChatRateLimitTest}'s, on the test kit's clock).
 */
class ChatRateLimitEndToEndTest {
    private ServerFixture server;

    @BeforeEach
    void startServer() throws Exception {
        server = ServerFixture.start(Ticker.newMockTicker(), "--max-messages-per-second", "1", "--message-burst", "1");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void flooderGetsAnErrorThenClose1008AndLeavesTheRoom() {
        JdkClient alice = server.join("alice", "lobby");
        JdkClient flooder = server.join("flooder", "lobby");
        alice.expectEvent("join");

        // With no refill: the first fits the burst, the second is one over, the third one more than a burst over.
        flooder.say("one");
        flooder.say("two");
        flooder.say("three");

        assertEquals("one", flooder.expectEvent("message").path("text").asText());
        assertEquals("Too many messages: limit is 1 per second.",
                flooder.expectEvent("error").path("message").asText());
        assertEquals(1008, flooder.closeCode());
        assertEquals("one", alice.expectEvent("message").path("text").asText());
        assertEquals("flooder", alice.expectEvent("leave").path("name").asText());
    }
}
