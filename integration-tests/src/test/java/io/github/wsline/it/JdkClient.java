package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code java.net.http} WebSocket that records what the server sends: whole Text and Binary messages, each in a
 * queue, and the code of the server's Close. Like any JDK WebSocket it answers that Close with the same code.
 * Every wait is bounded by {@link #TIMEOUT}.
 */
final class JdkClient implements WebSocket.Listener {
    /**
     * For what takes milliseconds, or a JVM's or a browser's start of a few seconds: long enough that only something
     * broken, never a busy machine, runs out of it.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    // The listener is called for one part of a message at a time, never concurrently: no locking needed.
    private final StringBuilder textParts = new StringBuilder();
    private final ByteArrayOutputStream binaryParts = new ByteArrayOutputStream();
    private WebSocket webSocket;

    private JdkClient() {
    }

    static JdkClient connect(HttpClient http, URI uri) {
        JdkClient client = new JdkClient();
        client.webSocket = await(http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, client));
        return client;
    }

    WebSocket webSocket() {
        return webSocket;
    }

    void sendText(String text) {
        await(webSocket.sendText(text, true));
    }

    void sendBinary(byte[] data) {
        await(webSocket.sendBinary(ByteBuffer.wrap(data), true));
    }

    /** Sends a chat message event with {@code text}. */
    void say(String text) {
        sendText(JSON.createObjectNode().put("type", "message").put("text", text).toString());
    }

    /** Starts the closing handshake with 1000. */
    void sendClose() {
        await(webSocket.sendClose(WebSocket.NORMAL_CLOSURE, ""));
    }

    String nextText() {
        return poll(texts, "text message");
    }

    byte[] nextBinary() {
        return poll(binaries, "binary message");
    }

    JsonNode nextEvent() {
        try {
            return JSON.readTree(nextText());
        } catch (IOException e) {
            throw new AssertionError("Not a JSON event", e);
        }
    }

    /** The next event, which must be of {@code type}. */
    JsonNode expectEvent(String type) {
        JsonNode event = nextEvent();
        assertEquals(type, event.path("type").asText(), event::toString);
        return event;
    }

    /** The status code of the Close frame the server sent. */
    int closeCode() {
        return await(closeCode);
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
            texts.add(textParts.toString());
            textParts.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binaryParts.writeBytes(part);
        if (last) {
            binaries.add(binaryParts.toByteArray());
            binaryParts.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null; // the JDK then answers with a Close of the same code
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    private static <T> T poll(BlockingQueue<T> queue, String what) {
        try {
            T next = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("No " + what + " within " + TIMEOUT.toSeconds() + " s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The future's value within {@link #TIMEOUT}; its failure is rethrown as an AssertionError. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Nothing within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
