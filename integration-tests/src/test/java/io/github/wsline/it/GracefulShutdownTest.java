package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.server.ChatServerMain;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ChatServer.close()} and the jar's SIGTERM: every WebSocket is told 1001, and the server stops in time. */
class GracefulShutdownTest {
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 1;
    /**
     * The codec's close timeout in the test of a peer that does not answer a Close: an hour, so that neither it nor the
     * idle timeout (5 minutes) disconnects that peer before close() returns, however busy the machine.
     */
    private static final int CLOSE_TIMEOUT_SECONDS = 3600;
    private static final int SIGTERM_EXIT_CODE = 128 + 15;

    private ServerFixture server;
    private Process process;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void closeSends1001ToEveryWebSocket() throws Exception {
        server = ServerFixture.start();
        JdkClient alice = server.join("alice", "lobby");
        JdkClient echo = server.connect("/echo");
        server.close();
        assertEquals(1001, alice.closeCode());
        assertEquals(1001, echo.closeCode());
    }

    @Test
    void closeReturnsAfterTheShutdownTimeoutWhenAClientNeverAnswers() throws Exception {
        server = ServerFixture.start("--shutdown-timeout", String.valueOf(SHUTDOWN_TIMEOUT_SECONDS),
                "--close-timeout", String.valueOf(CLOSE_TIMEOUT_SECONDS));
        JdkClient answering = server.connect("/echo");
        try (RawClient silent = RawClient.upgrade(server.server().address(), "/echo", 0)) {
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            // Returning at all shows that close() kept to --shutdown-timeout: the peer would hold it for minutes.
            JdkClient.await(closing);
            assertEquals(1001, answering.closeCode());
            // What reached the silent client meanwhile: an unmasked Close 1001 with its reason, then the end.
            DataInputStream in = new DataInputStream(silent.in());
            assertEquals(0x88, in.readUnsignedByte()); // FIN, Close
            int payloadLength = in.readUnsignedByte(); // no mask bit: a server's frame
            assertEquals(1001, in.readUnsignedShort());
            in.skipNBytes(payloadLength - 2);
            assertEquals(-1, in.read());
        }
    }

    @Test
    void sigtermClosesWebSocketsWith1001AndExits() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChatServerMain.class.getName(), "--host", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true)
                .start();
        ProcessOutput output = new ProcessOutput(process);
        URI page = output.awaitListeningUrl();
        JdkClient alice = JdkClient.connect(ServerFixture.HTTP,
                URI.create(page.toString().replaceFirst("^http", "ws")).resolve("/chat?name=alice"));
        alice.expectEvent("welcome");

        process.destroy(); // SIGTERM
        assertEquals(1001, alice.closeCode());
        assertTrue(process.waitFor(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                "still running " + JdkClient.TIMEOUT.toSeconds() + " s after SIGTERM");
        assertEquals(SIGTERM_EXIT_CODE, process.exitValue(), output::text);
        output.awaitEnd();
        assertFalse(output.text().contains("Exception"), output::text);
    }

    /** Reads the server process's output (stdout and stderr) as it comes, so that the process never blocks on it. */
    private static final class ProcessOutput {
        private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
        private final List<String> lines = new ArrayList<>();
        private final CompletableFuture<URI> listening = new CompletableFuture<>();
        private final CompletableFuture<Void> end = new CompletableFuture<>();

        ProcessOutput(Process process) {
            Thread reader = new Thread(() -> read(process), "chat-server-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Process process) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            }
            listening.completeExceptionally(new AssertionError("The server never said it was listening:\n" + text()));
            end.complete(null);
        }

        URI awaitListeningUrl() {
            return JdkClient.await(listening);
        }

        void awaitEnd() {
            JdkClient.await(end);
        }

        String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
