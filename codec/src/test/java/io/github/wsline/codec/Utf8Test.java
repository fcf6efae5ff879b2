package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;
import static io.github.wsline.testsupport.Frame.OPCODE_BINARY;
import static io.github.wsline.testsupport.Frame.OPCODE_CONTINUATION;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §8.1: a Text message must be UTF-8, and an invalid one is failed with 1007 as early as possible. */
class Utf8Test {
    private final EchoHandler app = new EchoHandler();
    private final Peer client = Peer.of(WebSocketConfig.builder().build(), app);

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void textInManyScriptsIsEchoed() {
        String text = "κόσμε · 日本語 · עברית · 🎉 · \u0000 · \uFFFF · \uD83D\uDE00";
        client.send(Frame.of(OPCODE_TEXT, text));
        assertEquals(text, client.readText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c0 80",          // overlong NUL
        "e0 80 80",       // overlong 3-byte
        "f0 80 80 80",    // overlong 4-byte
        "ed a0 80",       // surrogate U+D800
        "ed bf bf",       // surrogate U+DFFF
        "f4 90 80 80",    // U+110000, above the last code point
        "f5 80 80 80",    // a lead byte that never appears
        "80",             // lone continuation byte
        "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64", // Autobahn 6.3.1: valid, then a surrogate
    })
    void invalidTextClosesWith1007(String payload) {
        client.send(Frame.of(OPCODE_TEXT, bytes(payload)));
        assertEquals("Invalid UTF-8 in text message.", client.expectClose(1007).closeReason());
        client.expectConnectionClosed();
        assertTrue(app.received.isEmpty());
    }

    @Test
    void invalidByteFailsBeforeTheRestOfTheFrameArrives() {
        byte[] frame = Frame.of(OPCODE_TEXT, bytes("ce ba e1 bd b9 ff 20 20 20 20 20 20 20 20 20 20"))
                .toBytes(0x11223344);
        byte[] headerAndBadPrefix = java.util.Arrays.copyOf(frame, 2 + 4 + 6);
        client.sendRaw(headerAndBadPrefix);
        client.expectClose(1007);
        client.expectConnectionClosed();
    }

    @Test
    void invalidFragmentFailsBeforeTheMessageEnds() {
        client.send(Frame.of(OPCODE_TEXT, "valid start ").fin(false));
        client.send(Frame.of(OPCODE_CONTINUATION, bytes("ed a0 80")).fin(false));
        client.expectClose(1007);
        client.expectConnectionClosed();
    }

    @Test
    void characterSplitAcrossFragmentsIsAccepted() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // e2 82 ac
        client.send(Frame.of(OPCODE_TEXT, new byte[] {euro[0]}).fin(false));
        client.send(Frame.of(OPCODE_CONTINUATION, new byte[] {euro[1]}).fin(false));
        client.send(Frame.of(OPCODE_CONTINUATION, new byte[] {euro[2]}));
        assertEquals("€", client.readText());
    }

    @Test
    void characterSplitAcrossOneByteReadsIsAccepted() {
        client.chunkSize(1).send(Frame.of(OPCODE_TEXT, "𝄞 clef, € euro, ü"));
        assertEquals("𝄞 clef, € euro, ü", client.readText());
    }

    @Test
    void messageEndingInsideACharacterClosesWith1007() {
        client.send(Frame.of(OPCODE_TEXT, "abc").fin(false));
        client.send(Frame.of(OPCODE_CONTINUATION, bytes("e2 82")));
        assertEquals("Text message ends inside a UTF-8 sequence.", client.expectClose(1007).closeReason());
        client.expectConnectionClosed();
    }

    @Test
    void binaryMessagesAreNotCheckedForUtf8() {
        client.send(Frame.of(OPCODE_BINARY, bytes("ff fe ed a0 80 c0 80")));
        assertEquals("fffeeda080c080", io.netty.buffer.ByteBufUtil.hexDump(client.readBinary()));
    }
}
