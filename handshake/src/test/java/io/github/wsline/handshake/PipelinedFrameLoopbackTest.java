package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.MASKED_HELLO;
import static io.github.wsline.handshake.HandshakeFixtures.UNMASKED_HELLO;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static io.github.wsline.testsupport.UpgradeResponse.RFC_ACCEPT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients over loopback whose bytes do not wait for the server: a first frame in the same TCP write as the handshake,
 * and more bytes still coming when the server fails the connection.
 */
class PipelinedFrameLoopbackTest {
    private static EventLoopGroup group;
    private static EchoServer server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new EchoServer(group);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void frameSentWithTheHandshakeIsEchoedBehindThe101() throws Exception {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            socket.setSoTimeout((int) EchoServer.TIMEOUT.toMillis()); // a read that waits longer fails the test
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(upgradeRequest("/echo").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(MASKED_HELLO);
            out.write(request.toByteArray()); // one write: request and frame arrive together
            out.flush();

            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
            String headerNamesInAnyCase = head.toLowerCase(Locale.ROOT);
            assertTrue(headerNamesInAnyCase.contains("sec-websocket-accept: " + RFC_ACCEPT.toLowerCase(Locale.ROOT)), head);
            byte[] echoed = new byte[UNMASKED_HELLO.length];
            new DataInputStream(in).readFully(echoed);
            assertArrayEquals(UNMASKED_HELLO, echoed);
        }
    }

    /**
     * §7.1.7 and §7.1.1: the server fails the connection with a Close frame, then closes TCP "discarding any trailing
     * bytes". Had it closed a socket with unread bytes, the kernel would answer with a reset, which can destroy the
     * Close before the peer reads it (Autobahn's fuzzing client, slowed by a busy machine, saw neither the echo before
     * the violation nor the Close). The client here sends 8 MiB behind its violation before it reads anything.
     */
    @Test
    void clientStillSendingAfterAViolationReadsTheCloseAndThenAnOrderlyEnd() throws Exception {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            socket.setSoTimeout((int) EchoServer.TIMEOUT.toMillis()); // a read that waits longer fails the test
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(upgradeRequest("/echo").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(UNMASKED_HELLO); // §5.1: a client frame must be masked; the server fails with 1002
            request.writeBytes(new byte[8 * 1024 * 1024]); // what the client had in flight: discarded, never read
            socket.getOutputStream().write(request.toByteArray());

            InputStream in = socket.getInputStream();
            assertTrue(readHead(in).startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
            DataInputStream frames = new DataInputStream(in);
            assertEquals(0x88, frames.readUnsignedByte(), "a final Close frame");
            byte[] payload = new byte[frames.readUnsignedByte()];
            frames.readFully(payload);
            assertEquals(1002, ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
            assertEquals(-1, in.read(), "the server's FIN right behind its Close, not a reset");
        }
    }

    /** The response up to and including the blank line that ends its headers. */
    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("Connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
