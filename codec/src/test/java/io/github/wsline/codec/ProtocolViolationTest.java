package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_BINARY;
import static io.github.wsline.testsupport.Frame.OPCODE_CLOSE;
import static io.github.wsline.testsupport.Frame.OPCODE_CONTINUATION;
import static io.github.wsline.testsupport.Frame.OPCODE_PING;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.Frame.LengthField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each rule of RFC 6455 §5 a client can break: the server answers with one Close frame carrying the RFC's code and a
 * short reason, closes the connection, and delivers nothing of the offending frame to the application.
 */
class ProtocolViolationTest {
    private static final int MASK_KEY = 0x37fa213d;
    private final EchoHandler app = new EchoHandler();
    private final Peer client = Peer.of(
            WebSocketConfig.builder().maxFramePayloadLength(1024).maxMessageSize(4096).build(), app);

    @AfterEach
    void closeClient() {
        client.close();
    }

    private void expectFailure(int code, String reason) {
        assertEquals(reason, client.expectClose(code).closeReason());
        client.expectNoMoreFrames();
        client.expectConnectionClosed();
        assertTrue(app.received.isEmpty(), "delivered to the application: " + app.received);
    }

    @Test
    void unmaskedClientFrameClosesWith1002() {
        client.send(Frame.of(OPCODE_TEXT, "Hello").masked(false));
        expectFailure(1002, "Client frames must be masked.");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 2, 1, 7})
    void rsvBitsWithoutExtensionCloseWith1002(int rsv) {
        client.send(Frame.of(OPCODE_TEXT, "Hello").rsv(rsv));
        expectFailure(1002, "Reserved bits set without an extension that defines them.");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodeClosesWith1002(int opcode) {
        client.send(Frame.of(opcode, new byte[] {1, 2, 3}));
        expectFailure(1002, "Reserved opcode " + opcode + ".");
    }

    @Test
    void pingOver125BytesClosesWith1002() {
        client.send(Frame.of(OPCODE_PING, new byte[126]));
        expectFailure(1002, "Control frame payload exceeds 125 bytes.");
    }

    @Test
    void fragmentedPingClosesWith1002() {
        client.send(Frame.of(OPCODE_PING, new byte[] {1}).fin(false));
        expectFailure(1002, "Control frames must be final.");
    }

    @Test
    void lengthWithMostSignificantBitClosesWith1002() {
        client.sendRaw(Frame.of(OPCODE_BINARY, new byte[0]).header(MASK_KEY, Long.MIN_VALUE + 5));
        expectFailure(1002, "Payload length has its most significant bit set.");
    }

    @Test
    void sixteenBitLengthForShortPayloadClosesWith1002() {
        client.sendRaw(Frame.of(OPCODE_TEXT, "Hello").toBytes(MASK_KEY, LengthField.SIXTEEN_BIT));
        expectFailure(1002, "Payload length is not minimally encoded.");
    }

    @Test
    void sixtyFourBitLengthFor16BitPayloadClosesWith1002() {
        client.sendRaw(Frame.of(OPCODE_BINARY, new byte[200]).toBytes(MASK_KEY, LengthField.SIXTY_FOUR_BIT));
        expectFailure(1002, "Payload length is not minimally encoded.");
    }

    @Test
    void frameOverLimitClosesWith1009BeforeItsPayloadArrives() {
        client.sendRaw(Frame.of(OPCODE_BINARY, new byte[0]).header(MASK_KEY, 1025)); // the header alone
        expectFailure(1009, "Frame payload exceeds 1024 bytes.");
    }

    @Test
    void messageOverLimitClosesWith1009AtTheFragmentThatCrossesIt() {
        client.send(Frame.of(OPCODE_BINARY, new byte[1000]).fin(false));
        client.send(Frame.of(OPCODE_CONTINUATION, new byte[1000]).fin(false));
        client.send(Frame.of(OPCODE_CONTINUATION, new byte[1000]).fin(false));
        client.send(Frame.of(OPCODE_CONTINUATION, new byte[1000]).fin(false));
        client.sendRaw(Frame.of(OPCODE_CONTINUATION, new byte[0]).header(MASK_KEY, 97)); // 4097: header alone
        expectFailure(1009, "Message exceeds 4096 bytes.");
    }

    @Test
    void continuationWithoutMessageClosesWith1002() {
        client.send(Frame.of(OPCODE_CONTINUATION, "Hello"));
        expectFailure(1002, "Continuation frame without a message to continue.");
    }

    @Test
    void newTextInsideFragmentedMessageClosesWith1002() {
        client.send(Frame.of(OPCODE_TEXT, "Hel").fin(false));
        client.send(Frame.of(OPCODE_TEXT, "lo"));
        expectFailure(1002, "New message started before the fragmented message ended.");
    }

    @Test
    void closeWithOneBytePayloadClosesWith1002() {
        client.send(Frame.of(OPCODE_CLOSE, new byte[] {0x03}));
        expectFailure(1002, "Close payload of 1 byte.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void closeWithCodeThatMustNotBeSentClosesWith1002(int code) {
        client.send(Frame.close(code, ""));
        expectFailure(1002, "Invalid close code " + code + ".");
    }

    @Test
    void closeReasonThatIsNotUtf8ClosesWith1007() {
        client.send(Frame.of(OPCODE_CLOSE, new byte[] {0x03, (byte) 0xE8, (byte) 0xCE, (byte) 0xBA, (byte) 0xE1}));
        expectFailure(1007, "Close reason is not UTF-8.");
    }

    @Test
    void framesBehindTheViolationAreNotDelivered() {
        byte[] bad = Frame.of(OPCODE_TEXT, "bad").masked(false).toBytes(0);
        byte[] good = Frame.of(OPCODE_TEXT, "good").toBytes(0x1234);
        byte[] both = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, both, 0, bad.length);
        System.arraycopy(good, 0, both, bad.length, good.length);
        client.sendRaw(both);
        expectFailure(1002, "Client frames must be masked.");
    }

    @Test
    void framesBeforeTheViolationInTheSameReadAreDelivered() {
        byte[] good = Frame.of(OPCODE_TEXT, "good").toBytes(0x1234);
        byte[] bad = Frame.of(OPCODE_TEXT, "bad").masked(false).toBytes(0);
        byte[] both = new byte[good.length + bad.length];
        System.arraycopy(good, 0, both, 0, good.length);
        System.arraycopy(bad, 0, both, good.length, bad.length);
        client.sendRaw(both);
        assertEquals("good", client.readText());
        client.expectClose(1002);
        client.expectConnectionClosed();
    }

    @Test
    void violationOnOneConnectionLeavesAnotherUntouched() {
        try (Peer other = Peer.of(WebSocketConfig.builder().build(), new EchoHandler())) {
            client.send(Frame.of(OPCODE_TEXT, "bad").masked(false));
            client.expectClose(1002);
            other.send(Frame.of(OPCODE_TEXT, "still here"));
            assertEquals("still here", other.readText());
            other.expectConnectionOpen();
        }
    }

    @Test
    void violationSplitIntoOneByteReadsClosesWith1002() {
        client.chunkSize(1).send(Frame.of(OPCODE_TEXT, "Hello").rsv(2));
        expectFailure(1002, "Reserved bits set without an extension that defines them.");
    }
}
