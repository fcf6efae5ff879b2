package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat server over real sockets, spoken to by the JDK's HTTP and WebSocket clients. */
class ChatEndToEndTest {
    private ServerFixture server;

    @BeforeEach
    void startServer() throws Exception {
        server = ServerFixture.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void newMemberIsWelcomedWithTheMembersAndTheOthersHearOfTheJoin() {
        JdkClient alice = server.connect("/chat?name=alice&room=lobby");
        assertEquals("{\"type\":\"welcome\",\"name\":\"alice\",\"room\":\"lobby\",\"history\":0,\"members\":[\"alice\"]}",
                alice.nextText());
        JdkClient bob = server.connect("/chat?name=bob&room=lobby");
        assertEquals("{\"type\":\"welcome\",\"name\":\"bob\",\"room\":\"lobby\",\"history\":0,"
                + "\"members\":[\"alice\",\"bob\"]}", bob.nextText());
        assertEquals("{\"type\":\"join\",\"name\":\"bob\",\"room\":\"lobby\"}", alice.nextText());
    }

    @Test
    void membersHearWhoLeaves() {
        JdkClient alice = server.join("alice", "lobby");
        JdkClient bob = server.join("bob", "lobby");
        alice.expectEvent("join");
        bob.sendClose();
        assertEquals(1000, bob.closeCode()); // the server's answer echoes the code
        assertEquals("{\"type\":\"leave\",\"name\":\"bob\",\"room\":\"lobby\"}", alice.nextText());
    }

    /**
     * Members are spread over the server's event loops and all of them talk at once: each must see the room's
     * messages in one and the same order (a write from another loop must not overtake one queued earlier).
     */
    @Test
    void everyMemberSeesTheRoomsMessagesInOneOrder() throws Exception {
        int memberCount = 8;
        int messagesEach = 20; // within the rate limit's burst
        List<JdkClient> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            members.add(server.join("m" + i, "lobby"));
        }
        for (int i = 0; i < memberCount; i++) {
            for (int joins = i + 1; joins < memberCount; joins++) {
                members.get(i).expectEvent("join");
            }
        }

        List<CompletableFuture<Void>> talking = new ArrayList<>();
        for (JdkClient member : members) {
            talking.add(CompletableFuture.runAsync(() -> {
                for (int n = 0; n < messagesEach; n++) {
                    member.say("message " + n);
                }
            }));
        }
        CompletableFuture.allOf(talking.toArray(CompletableFuture[]::new))
                .get(JdkClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        List<List<String>> seen = new ArrayList<>();
        for (JdkClient member : members) {
            List<String> order = new ArrayList<>();
            for (int n = 0; n < memberCount * messagesEach; n++) {
                JsonNode event = member.expectEvent("message");
                order.add(event.get("from").asText() + ": " + event.get("text").asText());
            }
            seen.add(order);
        }
        for (int i = 1; i < memberCount; i++) {
            assertEquals(seen.get(0), seen.get(i), "m" + i + " against m0");
        }
    }

    @Test
    void messageReachesEveryMemberOfItsRoomSenderIncludedAndNobodyElse() {
        JdkClient alice = server.join("alice", "lobby");
        JdkClient bob = server.join("bob", "lobby");
        alice.expectEvent("join");
        JdkClient carol = server.join("carol", "kitchen");
        JdkClient dave = server.join("dave", "kitchen");
        carol.expectEvent("join");

        // The rooms take turns; a message that reached the other room would be the next event read there.
        alice.say("hello lobby");
        for (JdkClient member : List.of(alice, bob)) {
            assertMessage("alice", "lobby", "hello lobby", member.nextEvent());
        }
        carol.say("hello kitchen");
        for (JdkClient member : List.of(carol, dave)) {
            assertMessage("carol", "kitchen", "hello kitchen", member.nextEvent());
        }
        bob.say("bye lobby");
        for (JdkClient member : List.of(alice, bob)) {
            assertMessage("bob", "lobby", "bye lobby", member.nextEvent());
        }
    }

    @Test
    void echoReturnsTextAndBinaryMessagesUnchanged() {
        JdkClient client = server.connect("/echo");
        client.sendText("h\u00e9llo \u2713");
        assertEquals("h\u00e9llo \u2713", client.nextText());
        client.sendBinary(new byte[] {0, 1, (byte) 0xff});
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, client.nextBinary());
        byte[] large = new byte[256 * 1024]; // many TCP segments and reads, within the 1 MiB message limit
        new Random(6455).nextBytes(large);
        client.sendBinary(large);
        assertArrayEquals(large, client.nextBinary());
    }

    @Test
    void echoReturnsAFragmentedTextAsOneMessage() {
        JdkClient client = server.connect("/echo");
        JdkClient.await(client.webSocket().sendText("frag", false).thenCompose(ws -> ws.sendText("mented", true)));
        assertEquals("fragmented", client.nextText());
    }

    @Test
    void rootServesTheChatPage() throws Exception {
        HttpResponse<String> page = server.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers()::toString);
        assertTrue(page.body().contains("data-testid=\"message-list\""), page::body);
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> health = server.get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body().strip());
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertEquals(404, server.get("/nowhere").statusCode());
    }

    @Test
    void crossOriginUpgradeIsRefusedWith403() {
        // What a page on another site would send: its browser attaches the user's cookies to the upgrade request.
        CompletableFuture<WebSocket> attempt = ServerFixture.HTTP.newWebSocketBuilder()
                .header("Origin", "http://evil.example")
                .buildAsync(server.ws("/chat?name=mallory"), new WebSocket.Listener() { });
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> attempt.get(JdkClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        assertEquals(403, refused.getResponse().statusCode());
    }

    private static void assertMessage(String from, String room, String text, JsonNode event) {
        assertEquals("message", event.path("type").asText(), event::toString);
        assertEquals(from, event.path("from").asText(), event::toString);
        assertEquals(room, event.path("room").asText(), event::toString);
        assertEquals(text, event.path("text").asText(), event::toString);
    }
}
