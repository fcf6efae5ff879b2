package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member that stops reading, in a room flooded with messages: once its unsent output passes
 * {@code ChatServer.OUTPUT_LIMIT}, the room stops writing to it and disconnects it ({@code ChatRoom.TOO_SLOW}), while
 * the members that read receive every message and the server stays healthy.
 */
class SlowConsumerTest {
    private static final String FILLER = "x".repeat(1500);
    /**
     * At most about 12 MB to each member. The slow member holds the 1 MiB water mark plus what the kernel buffers for
     * it (the server's send buffer grows up to tcp_wmem's maximum, 4 MiB by default on Linux; here about 2.5 MB),
     * so the limit is passed in the first half of the flood. The flood stops early once the slow member has left.
     */
    private static final int MAX_MESSAGES = 8000;
    /**
     * How far the flood may run ahead of the reading members: this bounds their unsent output to about 75 KB, far
     * below the water mark, so that only the member that stopped reading can be judged too slow.
     */
    private static final int IN_FLIGHT = 50;
    private static final int SMALL_RECEIVE_BUFFER = 4096;

    private ServerFixture server;

    @BeforeEach
    void startServer() throws Exception {
        // The flooder sends thousands of messages as fast as it can: this test is about output, not the message rate.
        server = ServerFixture.start("--max-messages-per-second", "100000", "--message-burst", "100000");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void memberThatStopsReadingIsDisconnectedWhileTheOthersReceiveEveryMessage() throws Exception {
        Follower reader = new Follower(server.join("reader", "flood"));
        try (RawClient slow = RawClient.upgrade(server.server().address(), "/chat?name=slow&room=flood",
                SMALL_RECEIVE_BUFFER)) {
            assertEquals("slow", reader.client.expectEvent("join").path("name").asText());
            JdkClient flooder = server.join("flooder", "flood");
            reader.client.expectEvent("join");
            List<Follower> readingMembers = List.of(reader, new Follower(flooder)); // the sender hears itself too

            int sent = 0;
            while (sent < MAX_MESSAGES && !reader.sawSlowLeave) {
                flooder.say(sent + " " + FILLER);
                sent++;
                for (Follower member : readingMembers) {
                    member.readMessagesUpTo(sent - IN_FLIGHT);
                }
            }
            for (Follower member : readingMembers) {
                member.readMessagesUpTo(sent);
            }
            if (!reader.sawSlowLeave) {
                // Its Close 1008 is queued behind the output it does not read; the codec closes the connection when
                // the close timeout (10 s) runs out, and only then does the room announce the leave.
                reader.readSlowLeave(reader.client.nextEvent());
            }
            slow.readUntilClosed();
        }
        assertEquals(200, server.get("/healthz").statusCode());
    }

    /** A member that reads: the flood's messages must reach it in order, and at some point the slow one leaves. */
    private static final class Follower {
        final JdkClient client;
        int messagesRead;
        boolean sawSlowLeave;

        Follower(JdkClient client) {
            this.client = client;
        }

        void readMessagesUpTo(int count) {
            while (messagesRead < count) {
                JsonNode event = client.nextEvent();
                if (event.path("type").asText().equals("leave")) {
                    readSlowLeave(event);
                } else {
                    assertEquals(messagesRead + " " + FILLER, event.path("text").asText(), "message " + messagesRead);
                    messagesRead++;
                }
            }
        }

        void readSlowLeave(JsonNode event) {
            assertEquals("{\"type\":\"leave\",\"name\":\"slow\",\"room\":\"flood\"}", event.toString());
            sawSlowLeave = true;
        }
    }
}
