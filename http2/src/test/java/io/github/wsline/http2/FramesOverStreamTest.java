package io.github.wsline.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The codec behind the stream adapter: DATA frames are a byte stream to it, whatever their boundaries, and the
 * protocol's rules (Ping, fragments, UTF-8) hold on a stream as on TCP.
 */
class FramesOverStreamTest {
    private final H2Peer peer = new H2Peer(new Http2WebSocketServerInitializer(
            WebSocketServerConfig.builder().route("/echo", EchoHandler::new).build(),
            new ExtendedConnectTest.PageStreams()));
    private final Http2FrameStream stream = peer.open(H2Peer.webSocketRequest("/echo"));

    @AfterEach
    void finish() {
        peer.finish();
    }

    @Test
    void frameSplitAcrossDataFramesIsReassembled() {
        byte[] bytes = H2Peer.bytesOf(Frame.of(Frame.OPCODE_TEXT, "split in three"));
        peer.sendRaw(stream, false, Arrays.copyOfRange(bytes, 0, 1)); // half a header
        peer.sendRaw(stream, false, Arrays.copyOfRange(bytes, 1, 9));
        peer.sendRaw(stream, false, Arrays.copyOfRange(bytes, 9, bytes.length));

        assertEquals(List.of(Frame.of(Frame.OPCODE_TEXT, "split in three").masked(false)),
                peer.webSocketFrames(stream));
    }

    @Test
    void pingIsAnsweredWithPong() {
        peer.send(stream, Frame.of(Frame.OPCODE_PING, "are you there"));
        assertEquals(List.of(Frame.of(Frame.OPCODE_PONG, "are you there").masked(false)),
                peer.webSocketFrames(stream));
    }

    @Test
    void fragmentedMessageReachesTheApplicationWhole() { // the codec's default: messages are aggregated
        peer.send(stream, Frame.of(Frame.OPCODE_TEXT, "Hel").fin(false), Frame.of(Frame.OPCODE_CONTINUATION, "lo"));
        assertEquals(List.of(Frame.of(Frame.OPCODE_TEXT, "Hello").masked(false)), peer.webSocketFrames(stream));
    }

    @Test
    void messageLargerThanTheWindowIsEchoedWhole() {
        byte[] payload = new byte[60_000]; // with the client's 60 KB, more than the 64 KiB window
        new Random(8441).nextBytes(payload);
        peer.send(stream, Frame.of(Frame.OPCODE_BINARY, payload));

        List<Frame> echoed = peer.webSocketFrames(stream);
        assertEquals(1, echoed.size());
        assertArrayEquals(payload, echoed.get(0).payload());
    }

    @Test
    void invalidUtf8IsClosedWith1007ThenReset() {
        peer.send(stream, Frame.of(Frame.OPCODE_TEXT, new byte[] {(byte) 0xc0, (byte) 0xaf})); // overlong '/'
        assertEquals(1007, peer.webSocketFrames(stream).get(0).closeCode());
        assertEquals(List.of(Http2Error.CANCEL.code()), peer.resets(stream));
    }
}
