package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.decode;
import static io.github.wsline.codec.CodecTestSupport.rejectionCode;
import static io.github.wsline.codec.CodecTestSupport.utf8Hex;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.codec.CodecTestSupport.Channels;
import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules of a message across its fragments, through the decoder: order (RFC 6455 §5.4), total size, and UTF-8
 * of Text messages checked as the bytes arrive (§8.1). Unmasked client-role frames unless the masking matters.
 */
class MessageRulesTest {
    @RegisterExtension
    final Channels channels = new Channels();

    // --- Fragment order ---------------------------------------------------------------------------------------

    @Test
    void continuationWithoutAMessageIs1002() {
        assertEquals(1002, rejectionCode(channels.decoder(CLIENT), "80 00")); // Empty final continuation.
    }

    @Test
    void continuationAfterTheFinalFrameIs1002() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        decode(client, "81 01 61"); // Text "a".
        assertEquals(1002, rejectionCode(client, "00 01 62")); // Non-final continuation "b".
    }

    @Test
    void newTextInsideAFragmentedMessageIs1002() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        decode(client, "01 01 61"); // Non-final text "a".
        assertEquals(1002, rejectionCode(client, "81 01 62")); // Text "b".
    }

    @Test
    void newBinaryInsideAFragmentedMessageIs1002() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        decode(client, "02 01 61"); // Non-final binary 61.
        assertEquals(1002, rejectionCode(client, "82 01 62")); // Binary 62.
    }

    @Test
    void pingBetweenFragmentsIsDelivered() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client,
                "01 03 48 65 6c", // Non-final text "Hel".
                "89 00", // Empty ping.
                "80 02 6c 6f"); // Final continuation "lo".
        assertEquals(List.of(
                Decoded.text(false, "Hel"),
                Decoded.frame("Ping", true, ""),
                Decoded.frame("Continuation", true, utf8Hex("lo"))), frames);
    }

    @Test
    void newMessageAfterTheFinalFragmentIsAccepted() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client,
                "01 01 61", // Non-final text "a".
                "80 01 62", // Final continuation "b".
                "82 01 63"); // Binary 63.
        assertEquals(List.of(
                Decoded.text(false, "a"),
                Decoded.frame("Continuation", true, utf8Hex("b")),
                Decoded.frame("Binary", true, "63")), frames);
    }

    // --- Message size -----------------------------------------------------------------------------------------

    @Test
    void fragmentCrossingMaxMessageSizeIs1009FromItsHeader() {
        EmbeddedChannel client = channels.decoder(WebSocketConfig.builder().role(CLIENT).maxMessageSize(4).build());
        decode(client,
                "02 03 01 02 03", // Non-final binary, 3 bytes.
                "00 01 04"); // Non-final continuation, 1 byte: 4 in all.
        assertEquals(1009, rejectionCode(client, "80 01")); // Final continuation of 1 byte, none of it written.
    }

    @Test
    void fragmentsAddingUpToExactlyMaxMessageSizeAreAccepted() {
        EmbeddedChannel client = channels.decoder(WebSocketConfig.builder().role(CLIENT).maxMessageSize(4).build());
        List<Decoded> frames = decode(client,
                "02 03 01 02 03", // Non-final binary, 3 bytes.
                "80 01 04"); // Final continuation, 1 byte: 4 in all.
        assertEquals(2, frames.size());
    }

    @Test
    void eachMessageIsMeasuredOnItsOwn() {
        EmbeddedChannel client = channels.decoder(WebSocketConfig.builder().role(CLIENT).maxMessageSize(4).build());
        List<Decoded> frames = decode(client,
                "82 04 01 02 03 04", // Binary, 4 bytes.
                "82 04 05 06 07 08"); // Binary, 4 bytes.
        assertEquals(2, frames.size());
    }

    @Test
    void controlFramesDoNotCountTowardsTheMessageSize() {
        EmbeddedChannel client = channels.decoder(WebSocketConfig.builder().role(CLIENT).maxMessageSize(4).build());
        List<Decoded> frames = decode(client,
                "02 02 01 02", // Non-final binary, 2 bytes.
                "89 05 48 65 6c 6c 6f", // Ping "Hello", 5 bytes.
                "80 02 03 04"); // Final continuation, 2 bytes: 4 in all.
        assertEquals(3, frames.size());
    }

    // --- UTF-8 of Text messages -------------------------------------------------------------------------------

    @Test
    void invalidUtf8Is1007AsSoonAsTheBadByteArrives() {
        // Text of 200 bytes: "He", then C0 (never valid); the other 197 bytes are never written.
        assertEquals(1007, rejectionCode(channels.decoder(CLIENT), "81 7E 00 C8 48 65 C0"));
    }

    @Test
    void invalidUtf8InAMaskedFrameIs1007AsSoonAsTheBadByteArrives() {
        // Masked text of 200 bytes, key 37 fa 21 3d: "He", then C0 masked to E1 (a valid lead byte, were it
        // validated before unmasking); the other 197 bytes are never written.
        assertEquals(1007, rejectionCode(channels.decoder(SERVER), "81 FE 00 C8 37 FA 21 3D 7F 9F E1"));
    }

    @Test
    void invalidUtf8InALaterFragmentIs1007() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        decode(client, "01 01 61"); // Non-final text "a".
        assertEquals(1007, rejectionCode(client, "80 01 FF")); // Final continuation FF.
    }

    @Test
    void characterSplitAcrossTwoFragmentsIsAccepted() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client,
                "01 02 E2 82", // Non-final text: the first 2 bytes of U+20AC.
                "89 00", // Empty ping.
                "80 01 AC"); // Final continuation: the last byte of U+20AC.
        assertEquals(3, frames.size());
    }

    @Test
    void textEndingInsideACharacterIs1007() {
        assertEquals(1007, rejectionCode(channels.decoder(CLIENT), "81 01 C3")); // Text: the lead byte of U+00E9.
    }

    @Test
    void fragmentedTextEndingInsideACharacterIs1007() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        decode(client, "01 01 C3"); // Non-final text: the lead byte of U+00E9.
        assertEquals(1007, rejectionCode(client, "80 00")); // Empty final continuation.
    }

    @Test
    void nonFinalFragmentEndingInsideACharacterIsDelivered() {
        EmbeddedChannel client = channels.decoder(CLIENT);
        List<Decoded> frames = decode(client, "01 01 C3"); // Non-final text: the lead byte of U+00E9.
        assertEquals(List.of(Decoded.frame("Text", false, "c3")), frames);
    }

    @Test
    void invalidUtf8InBinaryIsAccepted() {
        List<Decoded> frames = decode(channels.decoder(CLIENT), "82 02 C0 FF"); // Binary C0 FF.
        assertEquals(List.of(Decoded.frame("Binary", true, "c0ff")), frames);
    }

    @Test
    void textTransformedByAnExtensionIsLeftToThatExtension() {
        EmbeddedChannel client = channels.decoder(
                WebSocketConfig.builder().role(CLIENT).allowedRsvBits(WebSocketConfig.RSV1).build());
        List<Decoded> frames = decode(client, "C1 02 C0 FF"); // Text with RSV1 (compressed): C0 FF.
        assertEquals(List.of(new Decoded("Text", true, WebSocketConfig.RSV1, "c0ff")), frames);
    }
}
