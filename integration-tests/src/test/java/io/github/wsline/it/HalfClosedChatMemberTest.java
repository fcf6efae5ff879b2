package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.WireFrames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chat member whose TCP peer half-closes (sends a FIN, keeps reading) without a closing handshake: in the middle
 * of a frame, while idle, or right behind a whole message. WebSocket has no half-closed state: the connection is
 * gone, closed abnormally (RFC 6455 §7.1.5: code 1006, which §7.4.1 forbids on the wire), so the server sends no
 * Close frame and closes TCP (§7.1.1), the member leaves the room, and its connection slot is freed.
 *
 * <p>The server allows two connections per address: carol gets in after alice only if bob's slot was released.
 */
class HalfClosedChatMemberTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerFixture server;
    private JdkClient alice;

    @BeforeEach
    void startServerWithAliceInTheLobby() throws Exception {
        server = ServerFixture.start("--max-connections-per-address", "2");
        alice = server.join("alice", "lobby");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static byte[] messageEvent(String text) {
        return Frame.of(Frame.OPCODE_TEXT, JSON.createObjectNode().put("type", "message").put("text", text).toString())
                .toBytes(0x1234abcd);
    }

    private RawClient bobJoins() throws IOException {
        RawClient bob = RawClient.upgrade(server.server().address(), "/chat?name=bob&room=lobby", 0);
        assertEquals("bob", alice.expectEvent("join").path("name").asText());
        return bob;
    }

    /**
     * After bob's FIN: alice hears that bob left, bob reads his welcome (and {@code alsoHeard}), no Close frame and
     * the server's FIN, and the room and the server go on without him.
     */
    private void expectBobGoneAfterHalfClose(RawClient bob, String... alsoHeard) throws IOException {
        assertEquals("bob", alice.expectEvent("leave").path("name").asText());

        List<Frame> frames = WireFrames.parse(bob.readUntilEndOfStream()); // ends with a FIN, not a reset
        List<String> types = new ArrayList<>();
        for (Frame frame : frames) {
            assertEquals(Frame.OPCODE_TEXT, frame.opcode(), "only events, no Close frame: " + frames);
            assertTrue(frame.fin() && frame.rsv() == 0 && !frame.masked(), "whole, unmasked, no extension: " + frame);
            types.add(JSON.readTree(frame.text()).path("type").asText());
        }
        List<String> expected = new ArrayList<>(List.of("welcome"));
        expected.addAll(Arrays.asList(alsoHeard));
        assertEquals(expected, types);

        alice.say("still here");
        assertEquals("still here", alice.expectEvent("message").path("text").asText());
        JdkClient carol = server.join("carol", "lobby"); // refused with 503 if bob's connection were still counted
        assertEquals("carol", alice.expectEvent("join").path("name").asText());
        carol.sendClose();
        assertEquals(1000, carol.closeCode());
    }

    @Test
    void memberThatHalfClosesInTheMiddleOfAFrameLeavesAndIsDisconnected() throws Exception {
        try (RawClient bob = bobJoins()) {
            byte[] message = messageEvent("this never arrives whole");
            bob.send(Arrays.copyOf(message, message.length / 2));
            bob.shutdownOutput();

            expectBobGoneAfterHalfClose(bob);
        }
    }

    @Test
    void memberThatHalfClosesInTheMiddleOfAFrameHeaderLeavesAndIsDisconnected() throws Exception {
        try (RawClient bob = bobJoins()) {
            bob.send(Arrays.copyOf(messageEvent("cut"), 3));
            bob.shutdownOutput();

            expectBobGoneAfterHalfClose(bob);
        }
    }

    @Test
    void memberThatHalfClosesWhileIdleLeavesAndIsDisconnected() throws Exception {
        try (RawClient bob = bobJoins()) {
            bob.shutdownOutput();

            expectBobGoneAfterHalfClose(bob);
        }
    }

    @Test
    void wholeMessageBeforeTheHalfCloseIsDeliveredThenTheMemberLeaves() throws Exception {
        try (RawClient bob = bobJoins()) {
            bob.send(messageEvent("last words"));
            bob.shutdownOutput();

            JsonNode lastWords = alice.expectEvent("message");
            assertEquals("bob", lastWords.path("from").asText());
            assertEquals("last words", lastWords.path("text").asText());
            expectBobGoneAfterHalfClose(bob, "message");
        }
    }
}
