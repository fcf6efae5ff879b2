package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server accepts a private key in every PEM form OpenSSL writes, and then serves https with it: checked by a
 * client that trusts only the test's self-signed certificate and verifies the host name, as a browser would.
 */
class TlsKeyFormatsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A key's PEM form, the key type it is written for, and whether it needs {@code --tls-key-password}. */
    enum KeyForm {
        PKCS8_RSA(false), PKCS1_RSA(false), SEC1_EC(false), ENCRYPTED_PKCS8_EC(true), LEGACY_ENCRYPTED_RSA(true);

        final boolean encrypted;

        KeyForm(boolean encrypted) {
            this.encrypted = encrypted;
        }

        TestCertificates certificate() throws Exception {
            return name().endsWith("_EC") ? TestCertificates.ec() : TestCertificates.rsa();
        }

        Path write(TestCertificates certificate, Path file) throws Exception {
            return switch (this) {
                case PKCS8_RSA -> certificate.writePkcs8Key(file);
                case PKCS1_RSA, SEC1_EC -> certificate.writeTraditionalKey(file);
                case ENCRYPTED_PKCS8_EC -> certificate.writeEncryptedPkcs8Key(file);
                case LEGACY_ENCRYPTED_RSA -> certificate.writeLegacyEncryptedKey(file);
            };
        }
    }

    @ParameterizedTest(name = "{0} key serves https")
    @EnumSource(KeyForm.class)
    void keyServesHttps(KeyForm form, @TempDir Path dir) throws Exception {
        TestCertificates certificate = form.certificate();
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
                "--tls-cert", certificate.writeCertificate(dir.resolve("cert.pem")).toString(),
                "--tls-key", form.write(certificate, dir.resolve("key.pem")).toString()));
        if (form.encrypted) {
            args.addAll(List.of("--tls-key-password", new String(TestCertificates.PASSWORD)));
        }
        try (ChatServer server = ChatServer.start(args.toArray(String[]::new))) {
            HttpClient https = HttpClient.newBuilder().sslContext(certificate.trustingIt())
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/healthz"))
                    .timeout(TIMEOUT).build();
            assertEquals(200, https.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }
}
