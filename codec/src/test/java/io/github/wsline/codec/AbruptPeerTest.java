package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_BINARY;
import static io.github.wsline.testsupport.Frame.OPCODE_CONTINUATION;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.DeflateFixtures.Connections;
import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A peer that vanishes — its connection reset in the middle of a frame or a message, or gone silent in the closing
 * handshake — leaves no buffer unreleased (the paranoid leak detector fails the test otherwise), no zlib stream
 * unended, and delivers nothing partial to the application.
 */
class AbruptPeerTest {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    private static final int MASK_KEY = 0x37fa213d;

    @RegisterExtension
    final Connections connections = new Connections();

    private final EchoHandler app = new EchoHandler();
    /** Last in the pipeline, as an application's exception handler: takes the reset the transport reports. */
    private final ResetSink sink = new ResetSink();
    private final List<Peer> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(Peer::close);
    }

    private Peer open(WebSocketConfig config) {
        Peer client = Peer.of(config, app, sink);
        clients.add(client);
        return client;
    }

    private Peer open() {
        return open(WebSocketConfig.builder().closeTimeout(CLOSE_TIMEOUT).build());
    }

    /** The transport reports a reset, then closes the channel, as an NIO or epoll channel does. */
    private void reset(EmbeddedChannel channel) {
        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        channel.close();
        channel.runPendingTasks();
        assertEquals(1, sink.caught.size(), "the reset reached the end of the pipeline once");
        assertInstanceOf(IOException.class, sink.caught.get(0));
    }

    private static byte[] prefix(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    @Test
    void resetInTheMiddleOfAFrameHeader() {
        Peer client = open();
        byte[] frame = Frame.of(OPCODE_BINARY, new byte[300]).toBytes(MASK_KEY); // 2 + 2 length bytes + 4 mask bytes
        client.sendRaw(prefix(frame, 5)); // the length, and one byte of the mask key

        reset(client.channel());

        client.expectConnectionClosed();
        client.expectNoMoreFrames();
        assertTrue(app.received.isEmpty());
    }

    @Test
    void resetInTheMiddleOfALargeFramesPayload() {
        Peer client = open();
        byte[] data = new byte[256 * 1024];
        Arrays.fill(data, (byte) 'x');
        byte[] frame = Frame.of(OPCODE_BINARY, data).toBytes(MASK_KEY);
        client.chunkSize(8 * 1024).sendRaw(prefix(frame, frame.length / 2));
        client.expectConnectionOpen();

        reset(client.channel());

        client.expectConnectionClosed();
        client.expectNoMoreFrames();
        assertTrue(app.received.isEmpty());
    }

    @Test
    void resetInTheMiddleOfAFragmentedMessageBeingAggregated() {
        Peer client = open();
        client.send(Frame.of(OPCODE_TEXT, "first fragment, ").fin(false));
        client.send(Frame.of(OPCODE_CONTINUATION, "second fragment, ").fin(false));
        client.sendRaw(prefix(Frame.of(OPCODE_CONTINUATION, "third, cut off").toBytes(MASK_KEY), 10));
        assertTrue(app.received.isEmpty(), "nothing delivered before the message is whole");

        reset(client.channel());

        client.expectConnectionClosed();
        client.expectNoMoreFrames();
        assertTrue(app.received.isEmpty(), "the partial message is never delivered");
    }

    @Test
    void resetInTheMiddleOfAFragmentedMessageWhenStreaming() {
        Peer client = open(WebSocketConfig.builder()
                .closeTimeout(CLOSE_TIMEOUT).aggregateMessages(false).build());
        client.send(Frame.of(OPCODE_TEXT, "first fragment").fin(false));
        assertEquals(List.of("Text:false:first fragment"), app.received, "streaming delivers each fragment");
        assertEquals("first fragment", new String(client.readFrame().payload(), StandardCharsets.UTF_8));
        client.sendRaw(prefix(Frame.of(OPCODE_CONTINUATION, "second, cut off").toBytes(MASK_KEY), 9));

        reset(client.channel());

        client.expectConnectionClosed();
        client.expectNoMoreFrames();
        assertEquals(List.of("Text:false:first fragment"), app.received, "nothing of the cut-off fragment");
    }

    @Test
    void serverCloseToAPeerThatNeverAnswersClosesAtTheTimeout() {
        Peer client = open();
        byte[] frame = Frame.of(OPCODE_BINARY, new byte[1000]).toBytes(MASK_KEY);
        client.sendRaw(prefix(frame, 500)); // half a frame, then silence
        client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
        client.expectClose(1001);

        client.advanceTime(CLOSE_TIMEOUT.minusMillis(1));
        client.expectConnectionOpen();
        client.advanceTime(Duration.ofMillis(1));

        client.expectConnectionClosed();
        client.expectNoMoreFrames();
        assertTrue(app.received.isEmpty());
        assertTrue(sink.caught.isEmpty());
    }

    @Test
    void peerThatSendsCloseAndThenNothingIsAnsweredAndClosed() {
        Peer client = open();
        client.send(Frame.of(OPCODE_TEXT, "a message never finished").fin(false));
        client.send(Frame.close(1000, "bye"));

        client.expectClose(1000);
        client.expectNoMoreFrames();
        client.expectConnectionClosed(); // without waiting for the close timeout
        assertTrue(app.received.isEmpty());
        assertTrue(sink.caught.isEmpty());
    }

    // --- permessage-deflate ---

    /** The raw DEFLATE of a message long enough to span fragments, sync-flushed, {@code 00 00 ff ff} cut. */
    private static byte[] compressedMessage() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 20_000; i++) {
            text.append("line ").append(i).append(": ").append(Long.toString(i * 2654435761L, 36)).append('\n');
        }
        byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(6, true);
        try {
            deflater.setInput(data);
            byte[] out = new byte[data.length + 1024];
            int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            assertTrue(deflater.needsInput(), "all input compressed in one call");
            assertEquals(0xff, out[length - 1] & 0xff);
            return Arrays.copyOf(out, length - 4);
        } finally {
            deflater.end();
        }
    }

    /**
     * A reset on the codec as the handshake installs it with permessage-deflate (handshake's
     * CompressedConnectionResetTest does it through the upgrade), with zlib streams that remember being ended: the
     * Inflater in the middle of the message is ended (the {@link Connections} extension also fails the test if any
     * stream is left).
     */
    @ParameterizedTest(name = "noContextTakeover={0}")
    @ValueSource(booleans = {true, false})
    void resetInTheMiddleOfACompressedMessageEndsTheInflater(boolean noContextTakeover) {
        PerMessageDeflate deflate = PerMessageDeflate.builder()
                .localNoContextTakeover(noContextTakeover).remoteNoContextTakeover(noContextTakeover).build();
        EmbeddedChannel channel = connections.connection(DeflateFixtures.config(WebSocketConfig.Role.SERVER).build(),
                deflate);
        channel.pipeline().addLast(app, sink);
        byte[] compressed = compressedMessage();
        byte[] first = Frame.of(OPCODE_TEXT, Arrays.copyOf(compressed, compressed.length / 2))
                .rsv(WebSocketConfig.RSV1).fin(false).toBytes(MASK_KEY);
        channel.writeInbound(Unpooled.wrappedBuffer(first));
        channel.writeInbound(Unpooled.wrappedBuffer(
                prefix(Frame.of(OPCODE_CONTINUATION, new byte[200]).toBytes(MASK_KEY), 50)));
        assertEquals(1, connections.inflaters.size());
        assertFalse(connections.inflaters.get(0).ended, "the Inflater is in the middle of the message");
        assertTrue(app.received.isEmpty());

        reset(channel);

        assertFalse(channel.isOpen());
        assertTrue(connections.inflaters.get(0).ended);
        assertEquals(0, connections.liveZlibStreams());
        assertTrue(app.received.isEmpty());
        assertNull(channel.readOutbound(), "nothing written to a reset peer");
    }

    /** The application's last handler: notes the exceptions that reach it. */
    private static final class ResetSink extends ChannelInboundHandlerAdapter {
        final List<Throwable> caught = new ArrayList<>();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            caught.add(cause);
        }
    }
}
