package io.github.wsline.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The server's TLS from {@code --tls-cert}, {@code --tls-key} and {@code --tls-key-password}, checked before the server
 * listens: a key that is not the certificate's would otherwise start fine and fail every handshake.
 */
final class TlsContext {
    private TlsContext() {
    }

    /**
     * Netty's server context for the certificate chain in {@code certFile} and the key in {@code keyFile}.
     *
     * @throws StartupException if a file cannot be read or parsed, or the key is not the certificate's
     */
    static SslContext forServer(Path certFile, Path keyFile, char[] keyPassword) {
        List<X509Certificate> chain = PemKeyReader.certificates(certFile);
        PrivateKey key = PemKeyReader.privateKey(keyFile, keyPassword);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new StartupException("--tls-key " + keyFile + " is not the key of the certificate in --tls-cert "
                    + certFile + "; give the key the certificate was made for (docs/tls.md shows how to check).");
        }
        try {
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)).build();
        } catch (SSLException e) {
            throw new StartupException("Cannot serve TLS with --tls-cert " + certFile + " and --tls-key " + keyFile
                    + ": " + e.getMessage() + ".", e);
        }
    }

    /**
     * Whether {@code key} is the private half of {@code certified}: what it signs, the certificate's key verifies.
     * One test for every algorithm, where comparing the keys' numbers would need one per algorithm.
     */
    private static boolean matches(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(signatureAlgorithm(key));
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm(key));
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new StartupException("Cannot use a " + key.getAlgorithm() + " key for TLS: " + e.getMessage()
                    + "; use an RSA, EC or Ed25519 key (docs/tls.md).", e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448: the algorithm signs the message itself
        };
    }
}
