package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --max-connections-per-address} over real sockets: the client over the limit is told 503. */
class ConnectionLimitEndToEndTest {
    private ServerFixture server;

    @BeforeEach
    void startServer() throws Exception {
        server = ServerFixture.start("--max-connections-per-address", "2");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void thirdWebSocketFromOneAddressIsRefusedWith503WhileTwoAreOpen() {
        JdkClient first = server.connect("/echo");
        JdkClient second = server.connect("/echo");

        CompletableFuture<WebSocket> attempt = ServerFixture.HTTP.newWebSocketBuilder()
                .connectTimeout(JdkClient.TIMEOUT)
                .buildAsync(server.ws("/echo"), new WebSocket.Listener() { });
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> attempt.get(JdkClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        assertEquals(503, refused.getResponse().statusCode());
        assertEquals("5", refused.getResponse().headers().firstValue("Retry-After").orElse(null));

        first.sendText("still here"); // the two within the limit are unaffected
        assertEquals("still here", first.nextText());
        second.sendText("me too");
        assertEquals("me too", second.nextText());
    }
}
