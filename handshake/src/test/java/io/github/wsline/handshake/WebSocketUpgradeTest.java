package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.MASKED_HELLO;
import static io.github.wsline.handshake.HandshakeFixtures.concat;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision and the switch for handlers that read the handshake request themselves. */
class WebSocketUpgradeTest {
    private final WebSocketServerConfig config = WebSocketServerConfig.builder().route("/chat")
            .subprotocols("chat").build();

    /** Upgrades every request it sees, from behind an aggregator, and records what follows. */
    private final class UpgradingHandler extends ChannelInboundHandlerAdapter {
        final List<Object> received = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                WebSocketUpgrade upgrade = WebSocketUpgrade.decide(config, request);
                request.release();
                ctx.writeAndFlush(upgrade.newResponse(ctx.alloc()));
                upgrade.switchProtocols(ctx.pipeline(), () -> received.add(upgrade.completed()));
            } else {
                received.add(msg instanceof TextWebSocketFrame text ? text.text() : msg);
                ReferenceCountUtil.release(msg);
            }
        }
    }

    private static FullHttpRequest request(String... headers) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/chat");
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }

    @Test
    void validRequestIsAcceptedWithThe101sHeaders() {
        FullHttpRequest request = request("Host", "server.example.com", "Upgrade", "websocket",
                "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version", "13", "Sec-WebSocket-Protocol", "chat");
        WebSocketUpgrade upgrade = WebSocketUpgrade.decide(config, request);
        request.release();

        assertTrue(upgrade.isAccepted());
        assertEquals("", upgrade.reason());
        FullHttpResponse response = upgrade.newResponse(ByteBufAllocator.DEFAULT);
        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, response.status());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.headers().get("Sec-WebSocket-Accept"));
        assertEquals("chat", response.headers().get("Sec-WebSocket-Protocol"));
        assertEquals("chat", upgrade.completed().subprotocol().orElseThrow());
        response.release();
    }

    @Test
    void refusedRequestHasItsStatusReasonAndResponse() {
        FullHttpRequest request = request("Host", "server.example.com");
        WebSocketUpgrade upgrade = WebSocketUpgrade.decide(config, request);
        request.release();

        assertFalse(upgrade.isAccepted());
        assertEquals(HttpResponseStatus.BAD_REQUEST, upgrade.status());
        assertEquals("Upgrade header must contain websocket.", upgrade.reason());
        FullHttpResponse response = upgrade.newResponse(ByteBufAllocator.DEFAULT);
        assertEquals("close", response.headers().get("Connection"));
        response.release();
        assertThrows(IllegalStateException.class, upgrade::completed);
    }

    @Test
    void switchFromBehindAnAggregatorPutsTheCodecBehindTheHttpCodecAndAnnouncesBeforeTheFirstFrame() {
        UpgradingHandler handler = new UpgradingHandler();
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192), handler);

        channel.writeInbound(concat(upgradeRequest("/chat"), MASKED_HELLO));

        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, readResponse(channel).status());
        assertInstanceOf(WebSocketHandshakeCompleted.class, handler.received.get(0));
        assertEquals("Hello", handler.received.get(1));
        assertNull(channel.pipeline().get(HttpServerCodec.class));
        assertEquals(ProtocolSwitch.PROTOCOL_HANDLER_NAME, channel.pipeline().names().get(2));
        channel.finishAndReleaseAll();
    }
}
