package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.testkit.WebSocketTestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat protocol, one client or several, on EmbeddedChannels through the test kit and a real handshake. */
class ChatHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChatRooms rooms = new ChatRooms(3);
    private final List<WebSocketTestClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(WebSocketTestClient::close);
    }

    private final WebSocketServerConfig server = WebSocketServerConfig.builder()
            .route("/chat", () -> new ChatHandler(rooms))
            .build();

    private WebSocketTestClient connect(String name, String room) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        if (name != null) {
            query.add("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
        if (room != null) {
            query.add("room=" + URLEncoder.encode(room, StandardCharsets.UTF_8));
        }
        WebSocketTestClient client = WebSocketTestClient.connect(server, "/chat" + query)
                .ignoreUnread(); // a member hears every other member's events: each test reads those it checks
        clients.add(client);
        return client;
    }

    private static JsonNode readEvent(WebSocketTestClient client) {
        try {
            return JSON.readTree(client.readText());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void say(WebSocketTestClient client, String text) {
        client.sendText("{\"type\":\"message\",\"text\":" + JSON.valueToTree(text) + "}");
    }

    @Test
    void welcomeNamesTheMemberTheRoomAndWhoIsThere() {
        connect("alice", "lobby");
        JsonNode welcome = readEvent(connect("bob", "lobby"));
        assertEquals("welcome", welcome.get("type").asText());
        assertEquals("bob", welcome.get("name").asText());
        assertEquals("lobby", welcome.get("room").asText());
        assertEquals("[\"alice\",\"bob\"]", welcome.get("members").toString());
    }

    @Test
    void othersAreToldWhoJoinsAndWhoLeaves() {
        WebSocketTestClient alice = connect("alice", "lobby");
        readEvent(alice); // welcome
        WebSocketTestClient bob = connect("bob", "lobby");
        assertEquals("{\"type\":\"join\",\"name\":\"bob\",\"room\":\"lobby\"}", readEvent(alice).toString());
        bob.sendClose(1000, "");
        bob.close();
        assertEquals("{\"type\":\"leave\",\"name\":\"bob\",\"room\":\"lobby\"}", readEvent(alice).toString());
    }

    @Test
    void messageReachesEveryMemberSenderIncluded() {
        WebSocketTestClient alice = connect("alice", "lobby");
        readEvent(alice);
        WebSocketTestClient bob = connect("bob", "lobby");
        readEvent(bob);
        readEvent(alice); // bob joined
        say(alice, "hi <b>bob</b>");
        for (WebSocketTestClient client : List.of(alice, bob)) {
            JsonNode message = readEvent(client);
            assertEquals("message", message.get("type").asText());
            assertEquals("alice", message.get("from").asText());
            assertEquals("lobby", message.get("room").asText());
            assertEquals("hi <b>bob</b>", message.get("text").asText());
            assertTrue(message.get("ts").asLong() > 0);
        }
    }

    @Test
    void roomsAreIsolated() {
        WebSocketTestClient alice = connect("alice", "lobby");
        readEvent(alice);
        WebSocketTestClient carol = connect("carol", "kitchen");
        readEvent(carol);
        say(carol, "anyone?");
        readEvent(carol);
        alice.expectNoMoreFrames();
    }

    @Test
    void takenNameGetsASuffix() {
        connect("alice", "lobby");
        connect("alice", "lobby");
        assertEquals("alice-3", readEvent(connect("alice", "lobby")).get("name").asText());
    }

    @Test
    void withoutANameTheServerPicksOne() {
        assertTrue(readEvent(connect(null, null)).get("name").asText().startsWith("guest-"));
    }

    @Test
    void newMemberHearsTheRecentHistory() {
        WebSocketTestClient alice = connect("alice", "lobby");
        readEvent(alice);
        for (int i = 1; i <= 4; i++) {
            say(alice, "message " + i);
            readEvent(alice);
        }
        WebSocketTestClient bob = connect("bob", "lobby");
        assertEquals(3, readEvent(bob).get("history").asInt()); // the welcome says how many follow, for the page
        for (int i = 2; i <= 4; i++) { // the last 3
            assertEquals("message " + i, readEvent(bob).get("text").asText());
        }
        bob.expectNoMoreFrames();
    }

    @Test
    void badInputGetsAnErrorAndTheConnectionStaysOpen() {
        WebSocketTestClient alice = connect("alice", "lobby");
        readEvent(alice);
        String tooLong = "x".repeat(ChatEvents.MAX_TEXT_LENGTH + 1);
        List<String> inputs = List.of("not json", "[1,2]", "{\"type\":\"dance\"}", "{\"type\":\"message\"}",
                "{\"type\":\"message\",\"text\":\"" + tooLong + "\"}");
        for (String input : inputs) {
            alice.sendText(input);
            assertEquals("error", readEvent(alice).get("type").asText(), input);
        }
        alice.sendBinary(new byte[] {1});
        assertEquals("error", readEvent(alice).get("type").asText());
        alice.expectConnectionOpen();
    }

    @Test
    void invalidNameGetsAnErrorAndAPickedName() {
        WebSocketTestClient client = connect("<script>", "lobby");
        assertEquals("error", readEvent(client).get("type").asText());
        assertTrue(readEvent(client).get("name").asText().startsWith("guest-"));
    }

    @Test
    void roomDisappearsWithItsLastMember() {
        WebSocketTestClient alice = connect("alice", "attic");
        assertEquals(1, rooms.roomCount());
        alice.close();
        assertEquals(0, rooms.roomCount());
    }
}
