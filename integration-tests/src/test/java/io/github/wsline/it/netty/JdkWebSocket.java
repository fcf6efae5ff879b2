package io.github.wsline.it.netty;

import static io.github.wsline.it.netty.Loopback.TIMEOUT;

import io.netty.buffer.ByteBufUtil;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The JDK's {@code java.net.http.WebSocket} as a real peer of the ported applications. What the server sends is
 * recorded as one line per event, in order: {@code text:HELLO}, {@code binary:0102} (hex), {@code pong:08010801},
 * {@code close:1000 bye}, or {@code error:} and the exception when the JDK fails the connection. Like any JDK WebSocket
 * it answers a Close with the same code.
 */
final class JdkWebSocket implements WebSocket.Listener {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    // The listener is called for one part of a message at a time, never concurrently.
    private final StringBuilder textParts = new StringBuilder();
    private final StringBuilder binaryParts = new StringBuilder();
    private WebSocket webSocket;

    private JdkWebSocket() {
    }

    static JdkWebSocket connect(URI uri) {
        JdkWebSocket client = new JdkWebSocket();
        client.webSocket = Loopback.await(HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, client));
        return client;
    }

    /** Sends {@code text} as one message of as many frames as there are parts. */
    void sendText(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            Loopback.await(webSocket.sendText(parts[i], i == parts.length - 1));
        }
    }

    /** Sends {@code parts} as one Binary message, a frame each. */
    void sendBinary(byte[]... parts) {
        for (int i = 0; i < parts.length; i++) {
            Loopback.await(webSocket.sendBinary(ByteBuffer.wrap(parts[i]), i == parts.length - 1));
        }
    }

    void sendPing(byte[] payload) {
        Loopback.await(webSocket.sendPing(ByteBuffer.wrap(payload)));
    }

    /** An unsolicited Pong, which RFC 6455 §5.5.3 allows as a one-way heartbeat. */
    void sendPong(byte[] payload) {
        Loopback.await(webSocket.sendPong(ByteBuffer.wrap(payload)));
    }

    void sendClose(int code, String reason) {
        Loopback.await(webSocket.sendClose(code, reason));
    }

    /** The next thing the server sent, as described in the class comment. */
    String next() {
        return Loopback.next(events, "message from the server");
    }

    /** Ends the connection without a closing handshake, whatever state it is in. */
    void abort() {
        webSocket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.webSocket = webSocket; // before buildAsync completes: the server may send right behind its 101
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        textParts.append(data);
        if (last) {
            events.add("text:" + textParts);
            textParts.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        binaryParts.append(hex(data));
        if (last) {
            events.add("binary:" + binaryParts);
            binaryParts.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        events.add("pong:" + hex(message));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.add("close:" + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.add("error:" + error);
    }

    private static String hex(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return ByteBufUtil.hexDump(bytes);
    }
}
