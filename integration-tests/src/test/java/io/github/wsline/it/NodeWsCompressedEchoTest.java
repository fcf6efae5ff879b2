package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node's {@code ws} client, with permessage-deflate, against the chat server's {@code /echo} at its default 1 MiB
 * limits: a message of the limit made of random bytes, which deflate makes a little longer (RFC 7692 §7.2.1), is
 * echoed whole; one byte more is refused once inflated. The client is {@code src/test/node/compressed-echo.js}, with
 * the {@code ws} version that {@code package-lock.json} pins ({@code npm ci} in that directory installs it).
 */
class NodeWsCompressedEchoTest {
    private static final Path CLIENT_DIR = Path.of("src", "test", "node").toAbsolutePath();
    private static final int LIMIT = 1 << 20;
    private static ServerFixture server;

    @TempDir
    Path output;

    @BeforeAll
    static void requireNodeAndWs() throws Exception {
        Path ws = CLIENT_DIR.resolve("node_modules/ws");
        RequiredTool.require(node().isPresent() && Files.isDirectory(ws),
                "This test needs node on the PATH and " + ws + ": apt-get install nodejs npm, then npm ci in "
                        + CLIENT_DIR);
        server = ServerFixture.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void randomMessageOfTheLimitIsEchoedCompressed() throws Exception {
        assertEquals("echoed 1048576 bytes with permessage-deflate", echo(LIMIT));
    }

    @Test
    void randomMessageOneByteOverTheLimitIsRefusedOnceInflated() throws Exception {
        assertEquals("closed with 1009 \"Message exceeds 1048576 bytes.\" after sending 1048577 bytes",
                echo(LIMIT + 1));
    }

    /** Runs the client for a message of {@code bytes} random bytes and returns the line it printed. */
    private String echo(int bytes) throws IOException, InterruptedException {
        Path log = output.resolve("node.log");
        Process node = new ProcessBuilder(node().orElseThrow().toString(), "compressed-echo.js",
                server.ws("/echo").toString(), Integer.toString(bytes))
                .directory(CLIENT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertTrue(node.waitFor(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    "node still running after " + JdkClient.TIMEOUT);
        } finally {
            node.destroyForcibly();
        }
        return Files.readString(log).strip();
    }

    private static Optional<Path> node() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "node"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
