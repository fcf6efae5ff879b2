package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.X509Bundle;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every TLS server on the internet gets all day, a plain {@code http://} request on its port and clients that
 * refuse its certificate, is no warning and no stack trace in the server's output (one debug line each).
 */
class QuietTlsFailuresTest {
    private static final int SIGTERM_EXIT_CODE = 128 + 15;

    @Test
    void plainHttpAndRefusedCertificatesLeaveNoWarningInTheLog(@TempDir Path dir) throws Exception {
        X509Bundle certificate = StartupErrorsTest.selfSigned();
        Path cert = Files.writeString(dir.resolve("cert.pem"), certificate.getCertificatePEM());
        Path key = Files.writeString(dir.resolve("key.pem"), certificate.getPrivateKeyPEM());
        try (ServerProcess server = ServerProcess.start(dir, "--host", "127.0.0.1", "--port", "0",
                "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
            int port = server.awaitListeningPort();

            try (Socket plain = new Socket("127.0.0.1", port)) {
                plain.setSoTimeout((int) JdkClient.TIMEOUT.toMillis());
                OutputStream out = plain.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = plain.getInputStream();
                // The server closes without an answer: whatever it sends is not HTTP, and then the end.
                while (in.read() != -1) {
                    continue;
                }
            }
            // The JDK's client trusts only the usual authorities, as curl without -k or a browser would.
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                    .timeout(JdkClient.TIMEOUT).build();
            assertThrows(SSLHandshakeException.class,
                    () -> ServerFixture.HTTP.send(request, HttpResponse.BodyHandlers.discarding()));

            server.terminate();
            assertEquals(SIGTERM_EXIT_CODE, server.awaitExit(), server::output);
            String output = server.output();
            assertTrue(!output.contains("WARN") && !output.contains("\tat "), output);
        }
    }
}
