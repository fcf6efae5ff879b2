package io.github.wsline.it.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.it.netty.nia.ChatServer;
import io.github.wsline.it.netty.nia.ChatServerInitializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chat server of Netty in Action, chapter 12 (listings 12.1 to 12.4), ported by renaming the handler it
 * constructs. Its {@code TextWebSocketFrameHandler} reacts to the deprecated
 * {@code ServerHandshakeStateEvent.HANDSHAKE_COMPLETE}: it removes the page handler, tells the members already in the
 * chat that a client "joined", and from then on broadcasts every Text message to all, the sender included.
 */
class NiaChatTest {
    private static final String PATH = "/ws";
    private ChatServer chat;
    private Channel server;

    @BeforeEach
    void start() {
        chat = new ChatServer(); // its start(address) is what its main calls, here with port 0
        server = chat.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).channel();
    }

    @AfterEach
    void stop() {
        chat.destroy();
    }

    @Test
    void aNewMemberIsAnnouncedAndMessagesAreBroadcastToAll() {
        JdkWebSocket first = JdkWebSocket.connect(Loopback.uri(server, PATH));
        first.sendText("anyone here?");
        assertEquals("text:anyone here?", first.next()); // the first member is in the chat now
        JdkWebSocket second = JdkWebSocket.connect(Loopback.uri(server, PATH));
        String joined = first.next();
        assertTrue(joined.startsWith("text:Client [id: 0x") && joined.endsWith(" joined"), joined);
        second.sendText("hi");
        assertEquals("text:hi", first.next());
        assertEquals("text:hi", second.next());
        first.abort();
        second.abort();
    }

    @ParameterizedTest
    @EnumSource(ProtocolHandlerClient.Classes.class)
    void aProtocolHandlerClientJoinsChatsAndSeesTheCloseEcho(ProtocolHandlerClient.Classes classes) {
        JdkWebSocket member = JdkWebSocket.connect(Loopback.uri(server, PATH));
        member.sendText("hello");
        assertEquals("text:hello", member.next());
        try (Loopback loopback = new Loopback()) {
            ProtocolHandlerClient client = ProtocolHandlerClient.connect(classes, loopback, server, PATH);
            assertTrue(member.next().endsWith(" joined"));
            client.send(new TextWebSocketFrame("from " + classes));
            assertEquals("text:from " + classes, client.application().nextFrame());
            assertEquals("text:from " + classes, member.next());
            client.send(new CloseWebSocketFrame(1000, "bye"));
            assertEquals("close:1000 bye", client.application().nextFrame());
            client.awaitClosed();
        }
        member.abort();
    }

    @Test
    void pingIsAnsweredWithItsPayload() {
        JdkWebSocket member = JdkWebSocket.connect(Loopback.uri(server, PATH));
        member.sendPing(new byte[] {8, 1, 8, 1});
        assertEquals("pong:08010801", member.next());
        member.abort();
    }

    @Test
    void indexPageTwiceThenUpgradeOnOneKeepAliveConnection() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(server)) {
            String page = "HTTP/1.1 200 OK\n" + indexHtml();
            assertEquals(page, connection.get("/"));
            assertEquals(page, connection.get("/index.html"));
            assertEquals("HTTP/1.1 101 Switching Protocols", connection.upgrade(PATH));
        }
    }

    /** Netty runs its handshake timer only once a WebSocket handshake has started; pages are never cut off. */
    @Test
    void theHandshakeTimerDoesNotCloseAKeepAliveConnectionThatOnlyAsksForPages() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new ChatServerInitializer(new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
        assertTrue(requestIndexPage(channel).startsWith("HTTP/1.1 200 OK"));
        channel.advanceTimeBy(1, TimeUnit.HOURS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        assertTrue(requestIndexPage(channel).startsWith("HTTP/1.1 200 OK"));
        channel.finishAndReleaseAll();
    }

    private static String requestIndexPage(EmbeddedChannel channel) {
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: chat\r\n\r\n", StandardCharsets.US_ASCII));
        StringBuilder response = new StringBuilder();
        for (Object part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
            if (part instanceof ByteBuf) {
                response.append(((ByteBuf) part).toString(StandardCharsets.UTF_8));
            } else if (part instanceof FileRegion) {
                response.append("<file of ").append(((FileRegion) part).count()).append(" bytes>");
            }
            ReferenceCountUtil.release(part);
        }
        return response.toString();
    }

    private static String indexHtml() throws IOException {
        try (InputStream in = NiaChatTest.class.getResourceAsStream("/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
