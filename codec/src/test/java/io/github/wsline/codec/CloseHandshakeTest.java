package io.github.wsline.codec;

import static io.github.wsline.testsupport.Frame.OPCODE_CLOSE;
import static io.github.wsline.testsupport.Frame.OPCODE_PING;
import static io.github.wsline.testsupport.Frame.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.EchoHandler;
import io.github.wsline.testsupport.Frame;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5.1 and §7: the closing handshake, seen from the server. */
class CloseHandshakeTest {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    private final EchoHandler app = new EchoHandler();
    private final Peer client = Peer.of(WebSocketConfig.builder().closeTimeout(CLOSE_TIMEOUT).build(), app);

    @AfterEach
    void closeClient() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1003, 1011, 1014, 3000, 4999})
    void clientCloseIsEchoedAndTheServerClosesTcp(int code) {
        client.send(Frame.close(code, "going"));
        client.expectClose(code);
        client.expectNoMoreFrames();
        client.expectConnectionClosed();
    }

    @Test
    void closeWithoutCodeIsAnsweredWithoutCode() {
        client.send(Frame.of(OPCODE_CLOSE, new byte[0]));
        assertEquals(0, client.readFrame().payload().length);
        client.expectConnectionClosed();
    }

    @Test
    void framesAfterTheClientsCloseAreIgnored() {
        byte[] close = Frame.close(1000, "").toBytes(1);
        byte[] text = Frame.of(OPCODE_TEXT, "too late").toBytes(2);
        byte[] both = new byte[close.length + text.length];
        System.arraycopy(close, 0, both, 0, close.length);
        System.arraycopy(text, 0, both, close.length, text.length);
        client.sendRaw(both);
        client.expectClose(1000);
        client.expectNoMoreFrames();
        assertTrue(app.received.isEmpty());
    }

    @Test
    void serverCloseWaitsForTheClientsCloseThenClosesTcp() {
        client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
        client.expectClose(1001);
        client.expectConnectionOpen();
        client.send(Frame.close(1001, ""));
        client.expectNoMoreFrames(); // no second Close
        client.expectConnectionClosed();
    }

    @Test
    void serverCloseGivesUpOnASilentClientAfterTheCloseTimeout() {
        client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        client.expectClose(1000);
        client.advanceTime(CLOSE_TIMEOUT.minusMillis(1));
        client.expectConnectionOpen();
        client.advanceTime(Duration.ofMillis(1));
        client.expectConnectionClosed();
    }

    @Test
    void closeEchoCarriesThePeersReason() {
        client.send(Frame.close(1001, "tab closed"));
        assertEquals("tab closed", client.expectClose(1001).closeReason());
        client.expectConnectionClosed();
    }

    @Test
    void dataSentByThePeerBeforeItSawOurCloseIsDelivered() {
        client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        client.send(Frame.of(OPCODE_TEXT, "crossed in flight"));
        client.expectClose(1000);
        client.expectNoMoreFrames(); // the application's echo fails: nothing follows our Close
        assertEquals("[Text:true:crossed in flight]", app.received.toString());
    }

    @Test
    void pingAfterTheServersCloseIsNotAnswered() {
        client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        client.send(Frame.of(OPCODE_PING, new byte[] {1}));
        client.expectClose(1000);
        client.expectNoMoreFrames();
    }

    @Test
    void writingAfterCloseFailsAndReleasesTheFrame() {
        client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        TextWebSocketFrame late = new TextWebSocketFrame("late");
        ChannelFuture write = client.channel().writeAndFlush(late);
        assertFalse(write.isSuccess());
        assertInstanceOf(IllegalStateException.class, write.cause());
        assertEquals(0, late.refCnt());
        client.expectClose(1000);
        client.expectNoMoreFrames();
    }
}
