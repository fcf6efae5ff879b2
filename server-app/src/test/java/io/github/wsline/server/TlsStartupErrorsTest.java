package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS files that cannot serve: the server refuses to start, with one sentence naming the file and the fix. */
class TlsStartupErrorsTest {
    @TempDir
    Path dir;
    private TestCertificates rsa;
    private Path cert;

    @BeforeEach
    void makeCertificate() throws Exception {
        rsa = TestCertificates.rsa();
        cert = rsa.writeCertificate(dir.resolve("cert.pem"));
    }

    private static String refusal(Path cert, Path key, String... more) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
                "--tls-cert", cert.toString(), "--tls-key", key.toString()));
        args.addAll(List.of(more));
        return assertThrows(StartupException.class, () -> ChatServer.start(args.toArray(String[]::new)).close())
                .getMessage();
    }

    private String notTheKeyOf(Path key) {
        return "--tls-key " + key + " is not the key of the certificate in --tls-cert " + cert
                + "; give the key the certificate was made for (docs/tls.md shows how to check).";
    }

    @Test
    void missingCertificateFileIsNamed() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertEquals("--tls-cert " + missing + " does not exist; give the path of the certificate chain (PEM).",
                refusal(missing, rsa.writePkcs8Key(dir.resolve("key.pem"))));
    }

    @Test
    void missingKeyFileIsNamed() {
        Path missing = dir.resolve("missing.pem");
        assertEquals("--tls-key " + missing + " does not exist; give the path of the private key (PEM).",
                refusal(cert, missing));
    }

    @Test
    void certificateFileWithoutCertificateIsRefused() throws Exception {
        Path key = rsa.writePkcs8Key(dir.resolve("key.pem"));
        assertEquals("--tls-cert " + key + " holds no certificate (-----BEGIN CERTIFICATE-----); see docs/tls.md.",
                refusal(key, key));
    }

    @Test
    void keyFileWithoutKeyIsRefused() {
        assertEquals("--tls-key " + cert + " holds no private key (PKCS#8, PKCS#1 RSA or SEC1 EC PEM); "
                + "see docs/tls.md.", refusal(cert, cert));
    }

    @Test
    void encryptedKeyWithoutPasswordAsksForIt() throws Exception {
        Path key = rsa.writeEncryptedPkcs8Key(dir.resolve("key.pem"));
        assertEquals("--tls-key " + key + " is encrypted; give its password with --tls-key-password.",
                refusal(cert, key));
    }

    @Test
    void wrongPasswordIsNamed() throws Exception {
        Path key = rsa.writeEncryptedPkcs8Key(dir.resolve("key.pem"));
        assertEquals("--tls-key-password does not decrypt --tls-key " + key + "; check the password.",
                refusal(cert, key, "--tls-key-password", "wrong"));
        Path legacy = rsa.writeLegacyEncryptedKey(dir.resolve("legacy.pem"));
        assertEquals("--tls-key-password does not decrypt --tls-key " + legacy + "; check the password.",
                refusal(cert, legacy, "--tls-key-password", "wrong"));
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        Path otherKey = TestCertificates.rsa().writePkcs8Key(dir.resolve("other-key.pem"));
        assertEquals(notTheKeyOf(otherKey), refusal(cert, otherKey));
    }

    @Test
    void keyOfAnotherAlgorithmIsRefused() throws Exception {
        Path ecKey = TestCertificates.ec().writeTraditionalKey(dir.resolve("ec-key.pem"));
        assertEquals(notTheKeyOf(ecKey), refusal(cert, ecKey));
    }

    @Test
    void garbageIsNotACertificate() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n");
        String refusal = refusal(garbage, rsa.writePkcs8Key(dir.resolve("key.pem")));
        assertTrue(refusal.startsWith("--tls-cert " + garbage + " is not a valid PEM file: "), refusal);
    }
}
