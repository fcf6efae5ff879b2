package io.github.wsline.it.netty;

import io.github.wsline.testsupport.UpgradeRequest;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection, kept alive across requests, written by hand so that a test knows every request went over
 * the same TCP connection (an HTTP client library may open a new one at will). Reads block at most
 * {@link Loopback#TIMEOUT}.
 */
final class KeepAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final String host;
    private final InputStream in;
    private final OutputStream out;

    KeepAliveConnection(Channel server) throws IOException {
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout((int) Loopback.TIMEOUT.toMillis());
        host = "127.0.0.1:" + address.getPort();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code GET path} and returns the response's status line and body (read up to its Content-Length). */
    String get(String path) throws IOException {
        send(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String statusLine = readLine();
        int contentLength = 0;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String[] nameAndValue = header.split(":", 2);
            if (nameAndValue[0].trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                contentLength = Integer.parseInt(nameAndValue[1].trim());
            }
        }
        return statusLine + "\n" + new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
    }

    /** Sends a WebSocket upgrade request for {@code path} and returns the response's status line. */
    String upgrade(String path) throws IOException {
        send(UpgradeRequest.to(path).host(host).key(UpgradeRequest.randomKey()).toBytes());
        return readLine();
    }

    private void send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Connection closed by the server after: " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
