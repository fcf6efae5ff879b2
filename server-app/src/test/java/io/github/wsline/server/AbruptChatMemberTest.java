package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.testkit.RawFrame;
import io.github.wsline.testkit.WebSocketTestClient;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A chat member whose connection is reset leaves the room at once; the room goes on for the others. */
class AbruptChatMemberTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChatRooms rooms = new ChatRooms(3);
    private final List<WebSocketTestClient> clients = new ArrayList<>();
    private final WebSocketServerConfig server = WebSocketServerConfig.builder()
            .route("/chat", () -> new ChatHandler(rooms))
            .build();

    @AfterEach
    void closeClients() {
        clients.forEach(WebSocketTestClient::close);
    }

    private WebSocketTestClient connect(String name, String room) {
        WebSocketTestClient client = WebSocketTestClient.connect(server, "/chat?name=" + name + "&room=" + room)
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

    private static byte[] messageEvent(String text) {
        return RawFrame.text("{\"type\":\"message\",\"text\":" + JSON.valueToTree(text) + "}").toBytes(0x1234abcd);
    }

    @Test
    void memberResetInTheMiddleOfAFrameLeavesAndTheRoomKeepsWorking() {
        WebSocketTestClient alice = connect("alice", "lobby");
        readEvent(alice); // welcome
        WebSocketTestClient bob = connect("bob", "lobby");
        readEvent(bob); // welcome
        assertEquals("{\"type\":\"join\",\"name\":\"bob\",\"room\":\"lobby\"}", readEvent(alice).toString());
        byte[] message = messageEvent("this never arrives whole");
        bob.sendRaw(Arrays.copyOf(message, message.length / 2));
        alice.expectNoMoreFrames();

        EmbeddedChannel bobsChannel = bob.serverChannel();
        ResetSink sink = new ResetSink();
        bobsChannel.pipeline().addLast(sink);
        bobsChannel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        bobsChannel.close();
        bobsChannel.runPendingTasks();
        assertEquals(1, sink.caught.size());
        assertInstanceOf(IOException.class, sink.caught.get(0));
        bob.expectConnectionClosed();

        assertEquals("{\"type\":\"leave\",\"name\":\"bob\",\"room\":\"lobby\"}", readEvent(alice).toString());
        alice.expectNoMoreFrames(); // nothing of bob's half message
        assertEquals(1, rooms.roomCount());

        alice.sendText("{\"type\":\"message\",\"text\":\"still here\"}");
        JsonNode echo = readEvent(alice);
        assertEquals("message", echo.get("type").asText());
        assertEquals("alice", echo.get("from").asText());
        assertEquals("still here", echo.get("text").asText());
        alice.expectConnectionOpen();

        WebSocketTestClient carol = connect("carol", "lobby");
        JsonNode welcome = readEvent(carol);
        assertEquals("[\"alice\",\"carol\"]", welcome.get("members").toString(), "bob is no longer a member");
        assertTrue(readEvent(alice).toString().contains("\"join\""));
    }

    @Test
    void memberWhoseConnectionJustClosesMidFrameLeavesToo() {
        WebSocketTestClient alice = connect("alice", "lobby");
        readEvent(alice);
        WebSocketTestClient bob = connect("bob", "lobby");
        readEvent(bob);
        readEvent(alice); // bob joined
        byte[] message = messageEvent("cut");
        bob.sendRaw(Arrays.copyOf(message, 3)); // inside the header

        bob.serverChannel().close();

        assertEquals("{\"type\":\"leave\",\"name\":\"bob\",\"room\":\"lobby\"}", readEvent(alice).toString());
        alice.sendText("{\"type\":\"message\",\"text\":\"alone\"}");
        assertEquals("alone", readEvent(alice).get("text").asText());
    }

    /** The last handler of bob's pipeline, as an application's exception handler: notes the reset. */
    private static final class ResetSink extends ChannelInboundHandlerAdapter {
        final List<Throwable> caught = new ArrayList<>();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            caught.add(cause);
        }
    }
}
