package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.testsupport.Frame;
import io.github.wsline.testsupport.UpgradeRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.ServerHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** permessage-deflate with the drop-in compression handler, as Netty's stock client negotiates it. */
class WslineServerCompressionHandlerTest {
    /** What Netty's {@code WebSocketClientCompressionHandler} offers. */
    private static final String NETTY_CLIENT_OFFER = "permessage-deflate; client_max_window_bits";
    private static final Pattern EXTENSIONS = Pattern.compile("sec-websocket-extensions: ([^\r]*)\r\n");

    private static ServerChannel server() {
        return new ServerChannel(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WslineServerCompressionHandler(0), new WslineServerProtocolHandler("/ws", null, true));
    }

    private static String agreed(String head) {
        Matcher extensions = EXTENSIONS.matcher(head);
        assertTrue(extensions.find(), head);
        return extensions.group(1);
    }

    @Test
    void nettysStockClientAcceptsTheAnswer() {
        try (ServerChannel server = server()) {
            String agreed = agreed(server.upgrade(UpgradeRequest.to("/ws")
                    .headers("Sec-WebSocket-Extensions: " + NETTY_CLIENT_OFFER)));

            assertFalse(agreed.contains("client_no_context_takeover"), agreed);
            assertNotNull(new PerMessageDeflateClientExtensionHandshaker().handshakeExtension(
                    new WebSocketExtensionData("permessage-deflate", parameters(agreed))), agreed);
        }
    }

    @Test
    void handlerLeavesThePipelineAtTheUpgradeAndMessagesAreCompressed() {
        try (ServerChannel server = server()) {
            server.upgrade(UpgradeRequest.to("/ws").headers("Sec-WebSocket-Extensions: " + NETTY_CLIENT_OFFER));
            server.next(ServerHandshakeStateEvent.class);
            server.next(HandshakeComplete.class);

            server.channel.writeAndFlush(new TextWebSocketFrame("compressible ".repeat(20)));

            assertNull(server.channel.pipeline().get(WslineServerCompressionHandler.class));
            Frame frame = server.frames().get(0);
            assertEquals(WebSocketConfig.RSV1, frame.rsv());
        }
    }

    @Test
    void withoutAnOfferTheConnectionIsUncompressed() {
        try (ServerChannel server = server()) {
            String head = server.upgrade(UpgradeRequest.to("/ws"));

            assertFalse(head.contains("sec-websocket-extensions"), head);
        }
    }

    private static Map<String, String> parameters(String agreed) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String[] parts = agreed.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] nameValue = parts[i].trim().split("=", 2);
            parameters.put(nameValue[0], nameValue.length == 2 ? nameValue[1] : null);
        }
        return parameters;
    }
}
