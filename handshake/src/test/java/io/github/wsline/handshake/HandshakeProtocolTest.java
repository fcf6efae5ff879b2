package io.github.wsline.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeProtocolTest {
    @Test
    void acceptKeyOfTheRfcExample() {
        // RFC 6455 §1.3: "the server would respond with ... s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", HandshakeProtocol.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void tokensOfEveryOccurrenceAreTrimmedWithoutEmptyOnes() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Sec-WebSocket-Protocol", "chat.v2 ,, chat.v1")
                .add("Sec-WebSocket-Protocol", "mqtt");

        assertEquals(List.of("chat.v2", "chat.v1", "mqtt"), HandshakeProtocol.tokens(headers, HandshakeProtocol.SEC_WEBSOCKET_PROTOCOL));
    }
}
