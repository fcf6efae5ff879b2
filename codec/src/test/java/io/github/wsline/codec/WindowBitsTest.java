package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.utf8Hex;
import static io.github.wsline.codec.DeflateFixtures.written;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wsline.codec.DeflateFixtures.Connections;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A compressor window smaller than 15 bits (RFC 7692 §7.1.2, {@code server_max_window_bits=8} here), kept by
 * compressing only the messages no longer than the window, each on its own: byte by byte, what is compressed.
 */
class WindowBitsTest {
    private static final PerMessageDeflate WINDOW_OF_256 = PerMessageDeflate.builder()
            .compressionThreshold(0).localNoContextTakeover(true).localMaxWindowBits(8).build();

    @RegisterExtension
    final Connections connections = new Connections();

    private EmbeddedChannel server() {
        return connections.connection(SERVER, WINDOW_OF_256);
    }

    @Test
    void localMaxWindowBitsIs8To15AndDefaults15() {
        assertEquals(15, PerMessageDeflate.builder().build().localMaxWindowBits());
        assertEquals(8, WINDOW_OF_256.localMaxWindowBits());
        assertEquals(8, WINDOW_OF_256.toBuilder().build().localMaxWindowBits());
        assertThrows(IllegalArgumentException.class, () -> PerMessageDeflate.builder().localMaxWindowBits(7));
        assertThrows(IllegalArgumentException.class, () -> PerMessageDeflate.builder().localMaxWindowBits(16));
    }

    @Test
    void windowBelow15NeedsNoContextTakeover() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PerMessageDeflate.builder().localMaxWindowBits(14).build());
        assertEquals("localMaxWindowBits below 15 needs localNoContextTakeover.", refused.getMessage());
    }

    @Test
    void shortMessageIsCompressed() {
        EmbeddedChannel server = server();

        server.writeOutbound(new TextWebSocketFrame("Hello"));

        assertEquals("c107f248cdc9c90700", hex(written(server))); // FIN+RSV1+Text: "Hello" compressed.
    }

    @Test
    void messageAsLongAsTheWindowIsCompressed() {
        EmbeddedChannel server = server();
        String text = "window ".repeat(36) + "fill"; // 256 bytes

        server.writeOutbound(new TextWebSocketFrame(text));

        byte[] frame = written(server);
        assertEquals(0xC1, frame[0] & 0xFF, "FIN+RSV1+Text");
        assertEquals(frame.length - 2, frame[1], "a 7-bit length, no mask");
        assertEquals(text, inflate(Arrays.copyOfRange(frame, 2, frame.length)));
    }

    @Test
    void messageOneByteLongerThanTheWindowIsSentUncompressed() {
        EmbeddedChannel server = server();
        String text = "window ".repeat(36) + "fill!"; // 257 bytes

        server.writeOutbound(new TextWebSocketFrame(text));

        assertEquals("817e0101" + utf8Hex(text), hex(written(server))); // FIN+Text, no RSV1, 16-bit length 257.
    }

    @Test
    void fragmentedMessageIsSentUncompressed() {
        EmbeddedChannel server = server();

        server.writeOutbound(new TextWebSocketFrame(false, 0, "Hel"),
                new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer("lo", UTF_8)));

        assertEquals("010348656c" + "80026c6f", hex(written(server))); // Text "Hel" then FIN+Continuation "lo", no RSV1.
    }

    @Test
    void preparedMessageLongerThanTheWindowIsSentUncompressed() {
        EmbeddedChannel server = server();
        String text = "x".repeat(300);

        server.writeOutbound(PreparedMessage.text(text));

        assertEquals("817e012c" + utf8Hex(text), hex(written(server))); // FIN+Text, 16-bit length 300.
    }

    /** A message's payload inflated with the JDK's own Inflater, the 4 octets the sender left off put back (§7.2.2). */
    private static String inflate(byte[] payload) {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = Arrays.copyOf(payload, payload.length + 4);
            System.arraycopy(PerMessageDeflate.EMPTY_STORED_BLOCK, 0, input, payload.length, 4);
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1024];
            for (int n; (n = inflater.inflate(chunk)) > 0; ) {
                out.write(chunk, 0, n);
            }
            return out.toString(UTF_8);
        } catch (DataFormatException e) {
            throw new AssertionError("the message does not inflate", e);
        } finally {
            inflater.end();
        }
    }
}
