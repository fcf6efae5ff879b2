package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK's {@code java.net.http.WebSocket} client against the chat server's {@code /echo}, over TCP on loopback. */
class JdkClientInteropTest {
    private static final HttpClient HTTP_CLIENT = HttpClient.newHttpClient();
    /** Generous: only a broken server takes this long, however busy the machine. */
    private static final long TIMEOUT_SECONDS = JdkClient.TIMEOUT.toSeconds();
    private static ServerFixture server;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private WebSocket webSocket;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerFixture.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        webSocket = HTTP_CLIENT.newWebSocketBuilder()
                .buildAsync(server.ws("/echo"), new Recording())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() {
        webSocket.abort();
    }

    private String next() throws InterruptedException {
        String message = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("Nothing received in 5 s.");
        }
        return message;
    }

    @Test
    void textIsEchoed() throws Exception {
        webSocket.sendText("hello", true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("Text hello", next());
    }

    @Test
    void binaryIsEchoed() throws Exception {
        webSocket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("Binary 0001feff", next());
    }

    @Test
    void fragmentedTextIsEchoedAsOneMessage() throws Exception {
        webSocket.sendText("Hel", false).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        webSocket.sendText("lo", true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("Text Hello", next());
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        webSocket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("Pong are you there", next());
    }

    @Test
    void closeIsEchoed() throws Exception {
        webSocket.sendClose(1000, "bye").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals("Close 1000", next());
        assertTrue(webSocket.isInputClosed());
    }

    /** Notes each whole message; the JDK may hand a message over in parts. */
    private final class Recording implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteBuffer binary = ByteBuffer.allocate(1024);

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add("Text " + text);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            binary.put(data);
            if (last) {
                binary.flip();
                received.add("Binary " + ByteBufUtil.hexDump(binary.array(), 0, binary.limit()));
                binary.clear();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            received.add("Pong " + StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            received.add("Close " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            received.add("Error " + error);
        }
    }
}
