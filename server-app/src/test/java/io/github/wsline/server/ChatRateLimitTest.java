package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.testkit.ReceivedFrame;
import io.github.wsline.testkit.WebSocketTestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat's per-connection message rate limit, 10 messages per second in bursts of 5, on the test kit's frozen
 * clock: alice sends, bob listens in the same room.
 */
class ChatRateLimitTest {
    private static final int PER_SECOND = 10;
    private static final int BURST = 5;
    private static final Duration INTERVAL = Duration.ofSeconds(1).dividedBy(PER_SECOND);
    private static final String TOO_MANY =
            "{\"type\":\"error\",\"message\":\"Too many messages: limit is 10 per second.\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatRooms rooms = new ChatRooms(0);
    private final WebSocketServerConfig server = WebSocketServerConfig.builder()
            .route("/chat", () -> new ChatHandler(rooms, PER_SECOND, BURST))
            .build();
    private final List<WebSocketTestClient> clients = new ArrayList<>();
    private WebSocketTestClient alice;
    private WebSocketTestClient bob;

    @BeforeEach
    void aliceAndBobInTheLobby() {
        alice = connect("alice");
        readEvent(alice); // welcome
        bob = connect("bob");
        readEvent(bob); // welcome
        readEvent(alice); // bob joined
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WebSocketTestClient::close);
    }

    private WebSocketTestClient connect(String name) {
        WebSocketTestClient client = WebSocketTestClient.connect(server, "/chat?name=" + name + "&room=lobby")
                .ignoreUnread(); // a member hears every other member's events: each test reads those it checks
        clients.add(client);
        return client;
    }

    private static JsonNode readEvent(WebSocketTestClient client) {
        try {
            return JSON.readTree(client.readText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void say(WebSocketTestClient client, String text) {
        client.sendText("{\"type\":\"message\",\"text\":" + JSON.valueToTree(text) + "}");
    }

    /** Asserts that {@code client}'s next event is a message with {@code text}. */
    private static void expectMessage(WebSocketTestClient client, String text) {
        JsonNode event = readEvent(client);
        assertEquals("message", event.path("type").asText(), event::toString);
        assertEquals(text, event.path("text").asText());
    }

    /** Alice uses up her burst; both hear every message of it. */
    private void aliceSendsHerBurst() {
        for (int i = 1; i <= BURST; i++) {
            say(alice, "burst " + i);
        }
        for (int i = 1; i <= BURST; i++) {
            expectMessage(alice, "burst " + i);
            expectMessage(bob, "burst " + i);
        }
    }

    @Test
    void honestClientAtTheLimitIsNeverLimited() {
        aliceSendsHerBurst();
        for (int i = 1; i <= 10 * PER_SECOND; i++) { // ten seconds at exactly the rate, right behind the burst
            alice.advanceTime(INTERVAL);
            say(alice, "steady " + i);
            expectMessage(alice, "steady " + i);
            expectMessage(bob, "steady " + i);
        }
        alice.expectNoMoreFrames();
        alice.expectConnectionOpen();
    }

    @Test
    void messagesOverTheRateGetOneErrorAndAreDropped() {
        aliceSendsHerBurst();
        for (int i = 1; i <= 3; i++) {
            say(alice, "too fast " + i);
        }
        assertEquals(TOO_MANY, readEvent(alice).toString());
        alice.expectNoMoreFrames(); // one error for the run, not one per message
        bob.expectNoMoreFrames(); // nothing of it reached the room
        alice.expectConnectionOpen();

        say(bob, "bob is not limited");
        expectMessage(bob, "bob is not limited");
        expectMessage(alice, "bob is not limited");
    }

    @Test
    void everyDataFrameCountsNotOnlyChatMessages() {
        for (int i = 1; i <= BURST; i++) {
            alice.sendBinary(new byte[] {1});
            assertEquals("Only text messages are understood.", readEvent(alice).path("message").asText());
        }
        say(alice, "one too many");
        assertEquals(TOO_MANY, readEvent(alice).toString());
        bob.expectNoMoreFrames();
    }

    @Test
    void pingsDoNotCount() {
        for (int i = 0; i < 3 * BURST; i++) {
            alice.sendPing(new byte[] {(byte) i});
            assertEquals(ReceivedFrame.Type.PONG, alice.readFrame().type());
        }
        aliceSendsHerBurst();
        alice.expectNoMoreFrames();
    }

    @Test
    void rateRefillsOverTime() {
        aliceSendsHerBurst();
        alice.advanceTime(Duration.ofMillis(500)); // half a second: 5 messages' worth
        for (int i = 1; i <= 5; i++) {
            say(alice, "refilled " + i);
        }
        say(alice, "one too many");
        for (int i = 1; i <= 5; i++) {
            expectMessage(bob, "refilled " + i);
            expectMessage(alice, "refilled " + i);
        }
        assertEquals(TOO_MANY, readEvent(alice).toString());
        bob.expectNoMoreFrames();
    }

    @Test
    void clientThatBacksOffIsHeardAgainAndANewRunGetsANewError() {
        aliceSendsHerBurst();
        say(alice, "too fast");
        assertEquals(TOO_MANY, readEvent(alice).toString());

        alice.advanceTime(INTERVAL.multipliedBy(2)); // pays for the dropped message, then earns one
        say(alice, "calmer");
        expectMessage(alice, "calmer");
        expectMessage(bob, "calmer");
        say(alice, "too fast again");
        assertEquals(TOO_MANY, readEvent(alice).toString());
        bob.expectNoMoreFrames();
    }

    @Test
    void sustainedFloodClosesWith1008() {
        aliceSendsHerBurst();
        for (int i = 1; i <= BURST; i++) { // a burst over the limit: dropped, the connection stays
            say(alice, "flood " + i);
        }
        assertEquals(TOO_MANY, readEvent(alice).toString());
        alice.expectNoMoreFrames();
        alice.expectConnectionOpen();

        say(alice, "the last straw");
        ReceivedFrame close = alice.expectClose(1008);
        assertEquals("Message rate limit exceeded.", close.closeReason());
        say(alice, "after the close"); // delivered to no one: the server is closing
        alice.expectNoMoreFrames();
        bob.expectNoMoreFrames();

        alice.sendClose(1008, "");
        alice.expectConnectionClosed();
        assertEquals("{\"type\":\"leave\",\"name\":\"alice\",\"room\":\"lobby\"}", readEvent(bob).toString());
    }

    @Test
    void floodThatIgnoresTheCloseIsDisconnectedAtTheCloseTimeout() {
        aliceSendsHerBurst();
        for (int i = 0; i <= BURST; i++) {
            say(alice, "flood");
        }
        readEvent(alice); // the error
        alice.expectClose(1008);
        alice.advanceTime(Duration.ofSeconds(10)); // the codec's close timeout
        alice.expectConnectionClosed();
        assertEquals("leave", readEvent(bob).path("type").asText());
    }

    @Test
    void floodAtTwiceTheRateGetsNothingThroughOnceOverAndIsClosed() {
        // Half a token is earned per message, and a dropped message still costs one. The full burst lasts 9 messages
        // (5 tokens and 4 halves); then the debt grows by half a token a message, and passes the burst at the 20th.
        int message = 1;
        for (; message <= 9; message++) {
            alice.advanceTime(INTERVAL.dividedBy(2));
            say(alice, "flood " + message);
            expectMessage(alice, "flood " + message);
        }
        alice.advanceTime(INTERVAL.dividedBy(2));
        say(alice, "flood " + message++);
        assertEquals(TOO_MANY, readEvent(alice).toString());
        for (; message <= 19; message++) { // half a token a message trickles in, and none gets through
            alice.advanceTime(INTERVAL.dividedBy(2));
            say(alice, "flood " + message);
            alice.expectNoMoreFrames();
        }
        alice.advanceTime(INTERVAL.dividedBy(2));
        say(alice, "flood " + message);
        alice.expectClose(1008);
    }
}
