package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.wsline.testsupport.Frame;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** permessage-deflate (RFC 7692) through the compression drop-in, where Netty's pipeline puts it. */
class WslineClientCompressionHandlerTest {
    /** RFC 7692 §7.2.1: the tail of a sync flush, which the sender removes and the receiver appends. */
    private static final byte[] SYNC_FLUSH_TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final String LONG_TEXT = "compressible ".repeat(40);

    private final ClientApplication application = new ClientApplication();
    private EmbeddedChannel channel;
    private ScriptedServer server;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private void connect() throws Exception {
        channel = new EmbeddedChannel(false, false, new HttpClientCodec(), new HttpObjectAggregator(8192),
                WslineClientCompressionHandler.INSTANCE,
                new WslineClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(URI.create("ws://example.com/ws")).build()),
                application);
        channel.register();
        server = new ScriptedServer(channel);
    }

    @Test
    void offerIsNettysPlainPermessageDeflate() throws Exception {
        connect();

        assertEquals("permessage-deflate", server.request().headers().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void unsolicitedClientNoContextTakeoverIsAcceptedAndMessagesAreCompressedBothWays() throws Exception {
        connect();
        server.accept("Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover");
        assertNull(channel.pipeline().get(WslineClientCompressionHandler.class), "it leaves with the HTTP handlers");

        server.send(new Frame(true, 4, Frame.OPCODE_TEXT, false, deflate(LONG_TEXT)));
        channel.writeAndFlush(new TextWebSocketFrame(LONG_TEXT));

        assertEquals(List.of(new ClientApplication.Received(TextWebSocketFrame.class, LONG_TEXT)), application.frames);
        Frame sent = server.frames().get(0);
        assertEquals(4, sent.rsv(), "RSV1: the message is compressed (RFC 7692 §6)");
        assertEquals(LONG_TEXT, inflate(sent.payload()));
    }

    private static byte[] deflate(String text) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[4096];
        int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(buffer, length - SYNC_FLUSH_TAIL.length);
    }

    private static String inflate(byte[] payload) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(payload);
        input.writeBytes(SYNC_FLUSH_TAIL);
        inflater.setInput(input.toByteArray());
        byte[] buffer = new byte[4096];
        int length = inflater.inflate(buffer);
        inflater.end();
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }
}
