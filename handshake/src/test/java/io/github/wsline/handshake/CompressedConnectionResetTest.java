package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.drainOutbound;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.server;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static io.github.wsline.testsupport.Frame.OPCODE_CONTINUATION;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer whose connection is reset in the middle of a compressed message, on the codec as the upgrade installs it
 * once permessage-deflate is agreed: no buffer is left unreleased (the paranoid leak detector fails the test
 * otherwise) and nothing partial reaches the application. codec's AbruptPeerTest resets the codec alone.
 */
class CompressedConnectionResetTest {
    private static final int MASK_KEY = 0x37fa213d;
    /**
     * The start of a message compressed as RFC 7692 §7.2.3.3 allows: a DEFLATE block stored without compression
     * (RFC 1951 §3.2.4), not final, announcing 1000 bytes ({@code e8 03}, its complement {@code 17 fc}), of which the
     * first fragment carries 100: the Inflater is in the middle of the message when the reset comes.
     */
    private static final byte[] FIRST_FRAGMENT = ByteBufUtil.decodeHexDump("00e80317fc" + "78".repeat(100));

    private final EchoHandler app = new EchoHandler();
    private final List<Throwable> caught = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void resetInTheMiddleOfACompressedMessageNegotiatedByTheHandshake() {
        channel = server(WebSocketServerConfig.builder()
                .route("/echo", () -> app)
                .extensions(PerMessageDeflateNegotiator.builder().build())
                .build());
        channel.writeInbound(ascii(upgradeRequest("/echo", "Sec-WebSocket-Extensions: permessage-deflate")));
        assertTrue(readResponse(channel).headers().get("Sec-WebSocket-Extensions", "").startsWith("permessage-deflate"));
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() { // as an application's exception handler
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught.add(cause);
            }
        });
        byte[] first = Frame.of(OPCODE_TEXT, FIRST_FRAGMENT).rsv(WebSocketConfig.RSV1).fin(false).toBytes(MASK_KEY);
        byte[] second = Frame.of(OPCODE_CONTINUATION, new byte[200]).toBytes(MASK_KEY);
        channel.writeInbound(Unpooled.wrappedBuffer(first));
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(second, 50)));
        assertTrue(channel.isOpen());
        assertTrue(app.received.isEmpty());

        // The transport reports a reset, then closes the channel, as an NIO or epoll channel does.
        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        channel.close();
        channel.runPendingTasks();

        assertEquals(1, caught.size(), "the reset reached the end of the pipeline once");
        assertInstanceOf(IOException.class, caught.get(0));
        assertFalse(channel.isOpen());
        assertEquals(0, drainOutbound(channel).length, "nothing written to a reset peer");
        assertTrue(app.received.isEmpty());
    }
}
