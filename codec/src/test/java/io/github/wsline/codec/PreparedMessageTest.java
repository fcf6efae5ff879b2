package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.hex;
import static io.github.wsline.codec.CodecTestSupport.readDecoded;
import static io.github.wsline.codec.DeflateFixtures.ALWAYS;
import static io.github.wsline.codec.DeflateFixtures.written;
import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.wsline.codec.CodecTestSupport.Decoded;
import io.github.wsline.codec.DeflateFixtures.Connections;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A message encoded once for many connections: which form each connection sends, and that the forms are shared. */
class PreparedMessageTest {
    private static final String PLAIN_HELLO = "810548656c6c6f"; // FIN+Text "Hello".
    private static final String COMPRESSED_HELLO = "c107f248cdc9c90700"; // FIN+RSV1+Text "Hello" compressed.
    private static final PerMessageDeflate NO_SERVER_CONTEXT = ALWAYS.toBuilder().localNoContextTakeover(true).build();

    @RegisterExtension
    final Connections connections = new Connections();

    /** What a connection wrote in one write, and the buffer at the root of it. */
    private record Written(String hex, ByteBuf root) {
        static Written by(EmbeddedChannel channel) {
            ByteBuf out = channel.readOutbound();
            try {
                ByteBuf root = out;
                while (root.unwrap() != null) {
                    root = root.unwrap();
                }
                return new Written(CodecTestSupport.hex(ByteBufUtil.getBytes(out)), root);
            } finally {
                out.release();
            }
        }
    }

    private static void send(PreparedMessage message, EmbeddedChannel... channels) {
        for (EmbeddedChannel channel : channels) {
            channel.writeOutbound(message.retain());
        }
    }

    @Test
    void plainFrameIsEncodedOnceForEveryConnection() {
        EmbeddedChannel alice = connections.plain(SERVER);
        EmbeddedChannel bob = connections.plain(SERVER);
        PreparedMessage message = PreparedMessage.text("Hello");
        try {
            send(message, alice, bob);
            Written toAlice = Written.by(alice);
            Written toBob = Written.by(bob);

            assertEquals(PLAIN_HELLO, toAlice.hex());
            assertEquals(PLAIN_HELLO, toBob.hex());
            assertSame(toAlice.root(), toBob.root(), "the same bytes, not a copy");
        } finally {
            message.release();
        }
    }

    @Test
    void compressedFrameIsSharedWithoutServerContextTakeover() {
        EmbeddedChannel alice = connections.connection(SERVER, NO_SERVER_CONTEXT);
        EmbeddedChannel bob = connections.connection(SERVER, NO_SERVER_CONTEXT);
        PreparedMessage message = PreparedMessage.text("Hello");
        try {
            send(message, alice, bob);
            Written toAlice = Written.by(alice);
            Written toBob = Written.by(bob);

            assertEquals(COMPRESSED_HELLO, toAlice.hex());
            assertEquals(COMPRESSED_HELLO, toBob.hex());
            assertSame(toAlice.root(), toBob.root(), "compressed once");
        } finally {
            message.release();
        }
        assertEquals(0, connections.deflaters.size(), "the connections' own compressors were not needed");
    }

    @Test
    void eachConnectionGetsTheFormItAgreedTo() {
        EmbeddedChannel plain = connections.plain(SERVER);
        EmbeddedChannel deflating = connections.connection(SERVER, NO_SERVER_CONTEXT);
        PreparedMessage message = PreparedMessage.text("Hello");
        try {
            send(message, plain, deflating);
        } finally {
            message.release();
        }

        assertEquals(PLAIN_HELLO, hex(written(plain)));
        assertEquals(COMPRESSED_HELLO, hex(written(deflating)));
    }

    @Test
    void withContextTakeoverTheConnectionCompressesItWithItsOwnHistory() {
        EmbeddedChannel server = connections.connection(SERVER, ALWAYS);
        PreparedMessage message = PreparedMessage.text("Hello");
        try {
            send(message, server);
            send(message, server);
        } finally {
            message.release();
        }

        assertEquals(COMPRESSED_HELLO + "c105f200110000", hex(written(server))); // the second refers to the first
    }

    @Test
    void messageShorterThanTheThresholdIsSentPlain() {
        EmbeddedChannel server = connections.connection(SERVER, PerMessageDeflate.builder()
                .localNoContextTakeover(true).build()); // threshold 128
        PreparedMessage message = PreparedMessage.text("Hello");
        try {
            send(message, server);
        } finally {
            message.release();
        }

        assertEquals(PLAIN_HELLO, hex(written(server)));
    }

    @Test
    void binaryMessageIsSentAsBinary() {
        EmbeddedChannel server = connections.plain(SERVER);
        PreparedMessage message = PreparedMessage.binary(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        try {
            send(message, server);
        } finally {
            message.release();
        }

        assertEquals("8203010203", hex(written(server))); // FIN+Binary, 3 bytes.
    }

    @Test
    void clientMasksEachWriteWithAKeyOfItsOwn() {
        EmbeddedChannel client = connections.connection(CLIENT, NO_SERVER_CONTEXT);
        EmbeddedChannel server = connections.connection(SERVER, NO_SERVER_CONTEXT);
        PreparedMessage message = PreparedMessage.text("Hello");
        try {
            send(message, client);
        } finally {
            message.release();
        }
        server.writeInbound(Unpooled.wrappedBuffer(written(client)));

        assertEquals(List.of(Decoded.text(true, "Hello")), readDecoded(server));
    }

    @Test
    void messageWrittenAfterACloseIsReleased() {
        EmbeddedChannel server = connections.plain(SERVER);
        server.writeOutbound(new CloseWebSocketFrame(1000, null));
        written(server);
        PreparedMessage message = PreparedMessage.text("Hello");

        ChannelFuture write = server.writeAndFlush(message.retain());

        assertFalse(write.isSuccess());
        assertEquals(1, message.refCnt(), "the write's reference was released");
        message.release();
        assertEquals(0, message.refCnt());
    }

    @Test
    void textIsEncodedAsUtf8() {
        PreparedMessage message = PreparedMessage.text("κόσμε");
        try {
            assertEquals("κόσμε".getBytes(UTF_8).length, message.payloadLength());
        } finally {
            message.release();
        }
    }
}
