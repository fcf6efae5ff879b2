package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with {@code --tls-cert} and {@code --tls-key}: https and wss on the same port, checked by a client that
 * trusts only the test's self-signed certificate and verifies the host name, as a browser would.
 */
class ChatTlsTest {
    private ServerFixture server;
    private HttpClient https;

    @BeforeEach
    void startServer(@TempDir Path dir) throws Exception {
        X509Bundle certificate = new CertificateBuilder()
                .subject("CN=localhost")
                .addSanDnsName("localhost")
                .setIsCertificateAuthority(true)
                .ecp256()
                .buildSelfSigned();
        Path cert = Files.writeString(dir.resolve("cert.pem"), certificate.getCertificatePEM());
        Path key = Files.writeString(dir.resolve("key.pem"), certificate.getPrivateKeyPEM());
        server = ServerFixture.start("--tls-cert", cert.toString(), "--tls-key", key.toString());

        SSLContext trustingTheCertificate = SSLContext.getInstance("TLS");
        trustingTheCertificate.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
        https = HttpClient.newBuilder()
                .sslContext(trustingTheCertificate)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(JdkClient.TIMEOUT)
                .build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The name the certificate is for; the server listens on 127.0.0.1, which localhost resolves to. */
    private URI localhost(String scheme, String pathAndQuery) {
        return URI.create(scheme + "://localhost:" + server.port() + pathAndQuery);
    }

    @Test
    void healthzAnswersOverHttps() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(localhost("https", "/healthz")).timeout(JdkClient.TIMEOUT).build();
        HttpResponse<String> health = https.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body().strip());
    }

    @Test
    void membersChatOverWss() {
        JdkClient alice = JdkClient.connect(https, localhost("wss", "/chat?name=alice&room=secure"));
        alice.expectEvent("welcome");
        JdkClient bob = JdkClient.connect(https, localhost("wss", "/chat?name=bob&room=secure"));
        bob.expectEvent("welcome");
        alice.expectEvent("join");
        bob.say("over TLS");
        for (JdkClient member : new JdkClient[] {alice, bob}) {
            assertEquals("over TLS", member.expectEvent("message").path("text").asText());
        }
    }
}
