package io.github.wsline.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConfig.Role;
import io.github.wsline.testsupport.EchoHandler;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The application closes the channel instead of writing a Close: with
 * {@link WebSocketConfig#closeStatusOnChannelClose()} the peer still gets a Close first, as from Netty's protocol
 * handlers (their {@code sendCloseFrame}); without it, TCP is closed at once.
 */
class ChannelCloseTest {
    private static Peer peerOf(Role role, WebSocketCloseStatus closeStatus) {
        return Peer.of(WebSocketConfig.builder().role(role).closeStatusOnChannelClose(closeStatus).build(),
                new EchoHandler());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void channelCloseSendsTheConfiguredCloseFirst(Role role) {
        try (Peer peer = peerOf(role, WebSocketCloseStatus.NORMAL_CLOSURE)) {
            ChannelFuture closed = peer.channel().close();
            assertEquals("Bye", peer.expectClose(1000).closeReason());
            peer.expectNoMoreFrames();
            peer.expectConnectionClosed();
            assertTrue(closed.isSuccess());
        }
    }

    @Test
    void channelCloseSendsNoCloseByDefault() {
        try (Peer client = peerOf(Role.SERVER, null)) {
            client.channel().close();
            client.expectNoMoreFrames();
            client.expectConnectionClosed();
        }
    }

    @Test
    void channelCloseAfterTheApplicationsCloseSendsNoSecondClose() {
        try (Peer client = peerOf(Role.SERVER, WebSocketCloseStatus.NORMAL_CLOSURE)) {
            client.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
            client.channel().close();
            client.expectClose(1001);
            client.expectNoMoreFrames();
            client.expectConnectionClosed();
        }
    }

    @Test
    void closeStatusOnChannelCloseIsKeptAndMustBeSendable() {
        assertNull(WebSocketConfig.builder().build().closeStatusOnChannelClose());
        WebSocketConfig config =
                WebSocketConfig.builder().closeStatusOnChannelClose(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE).build();
        assertEquals(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, config.toBuilder().build().closeStatusOnChannelClose());
        assertThrows(IllegalArgumentException.class,
                () -> WebSocketConfig.builder().closeStatusOnChannelClose(WebSocketCloseStatus.EMPTY));
    }
}
