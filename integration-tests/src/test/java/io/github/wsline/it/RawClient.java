package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.testsupport.UpgradeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client written by hand on a plain socket, for the peers no WebSocket library lets us be: one that
 * completes the opening handshake and then neither reads nor answers anything, or one that half-closes TCP.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;

    private RawClient(Socket socket) {
        this.socket = socket;
    }

    /**
     * Opens {@code pathAndQuery} and reads the 101 and nothing after it. A receive buffer of {@code receiveBuffer}
     * bytes (0 for the system's) is set before connecting, so that the TCP window it announces is that small.
     */
    static RawClient upgrade(InetSocketAddress server, String pathAndQuery, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.setSoTimeout((int) JdkClient.TIMEOUT.toMillis());
            socket.connect(server, (int) JdkClient.TIMEOUT.toMillis());
            socket.getOutputStream().write(UpgradeRequest.to(pathAndQuery)
                    .host(server.getHostString() + ":" + server.getPort()).key(UpgradeRequest.randomKey()).toBytes());
            String response = readResponseHead(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 101 "), response);
            return new RawClient(socket);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    InputStream in() throws IOException {
        return socket.getInputStream();
    }

    /** Writes {@code bytes} as they are: whole frames, or a part of one. */
    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Half-closes the connection: sends a FIN, and keeps reading. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Everything the server sends until it closes the connection with a FIN; a reset, or nothing for
     * {@link JdkClient#TIMEOUT}, throws.
     */
    byte[] readUntilEndOfStream() throws IOException {
        return in().readAllBytes();
    }

    /** Reads and drops what the server sends until it closes the connection, by FIN or by reset. */
    void readUntilClosed() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in().read(buffer) != -1) {
                // the output the server had already sent before closing
            }
        } catch (SocketException reset) {
            // a reset closes the connection as well
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads byte by byte up to the blank line, so that no byte of the first frame is consumed. */
    private static String readResponseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("Connection closed during the handshake: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
