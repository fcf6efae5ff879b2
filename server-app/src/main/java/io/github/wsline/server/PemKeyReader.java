package io.github.wsline.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads {@code --tls-cert} and {@code --tls-key}: PEM certificates, and a PEM private key in any form OpenSSL writes
 * (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}, PKCS#8
 * {@code ENCRYPTED PRIVATE KEY}, and the legacy {@code Proc-Type: 4,ENCRYPTED} form), through BouncyCastle's
 * {@link PEMParser}. Every failure is a {@link StartupException} naming the file and the fix.
 *
 * <p>BouncyCastle's provider decrypts and decodes (the JDK's has neither OpenSSL's key derivation nor SEC1 keys
 * without their curve in the algorithm identifier); it is used by instance, never installed, and the key it returns
 * is re-encoded as PKCS#8 and handed to the JDK's providers, which are the ones TLS then signs with.
 */
final class PemKeyReader {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private PemKeyReader() {
    }

    /** The certificates of {@code file}, leaf first as TLS sends them (RFC 8446 §4.4.2). */
    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser pem = parser("--tls-cert", file, "certificate chain")) {
            for (Object block; (block = pem.readObject()) != null; ) {
                if (block instanceof X509CertificateHolder certificate) {
                    chain.add(converter.getCertificate(certificate));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new StartupException("--tls-cert " + file + " is not a valid PEM file: " + e.getMessage()
                    + "; see docs/tls.md.", e);
        }
        if (chain.isEmpty()) {
            throw new StartupException("--tls-cert " + file + " holds no certificate (-----BEGIN CERTIFICATE-----); "
                    + "see docs/tls.md.");
        }
        return chain;
    }

    /** The first private key of {@code file}, decrypted with {@code password} if it is encrypted. */
    static PrivateKey privateKey(Path file, char[] password) {
        try (PEMParser pem = parser("--tls-key", file, "private key")) {
            for (Object block; (block = pem.readObject()) != null; ) {
                PrivateKeyInfo key = keyInfo(block, file, password);
                if (key != null) {
                    return jdkKey(new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE).getPrivateKey(key));
                }
            }
        } catch (IOException e) {
            throw new StartupException("--tls-key " + file + " is not a valid PEM file: " + e.getMessage()
                    + "; see docs/tls.md.", e);
        }
        throw new StartupException("--tls-key " + file + " holds no private key (PKCS#8, PKCS#1 RSA or SEC1 EC PEM); "
                + "see docs/tls.md.");
    }

    private static PrivateKey jdkKey(PrivateKey key) throws PEMException {
        try {
            // BouncyCastle calls EC keys ECDSA; the JDK, EC.
            String algorithm = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new PEMException("the JDK does not take " + key.getAlgorithm() + " keys: " + e.getMessage(), e);
        }
    }

    private static PEMParser parser(String option, Path file, String what) {
        try {
            Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
            return new PEMParser(reader);
        } catch (NoSuchFileException e) {
            throw new StartupException(option + " " + file + " does not exist; give the path of the " + what
                    + " (PEM).", e);
        } catch (IOException e) {
            throw new StartupException("Cannot read " + option + " " + file + ": " + e + ".", e);
        }
    }

    /** The key in {@code block}, or null for a block that is not a key (an {@code EC PARAMETERS} block, say). */
    private static PrivateKeyInfo keyInfo(Object block, Path file, char[] password) {
        if (block instanceof PrivateKeyInfo pkcs8) {
            return pkcs8;
        }
        if (block instanceof PEMKeyPair pkcs1OrSec1) {
            return pkcs1OrSec1.getPrivateKeyInfo();
        }
        if (block instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            try {
                return encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(required(password, file)));
            } catch (PKCSException | OperatorCreationException e) {
                throw wrongPassword(file, e);
            }
        }
        if (block instanceof PEMEncryptedKeyPair legacy) {
            try {
                return legacy.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(required(password, file)))
                        .getPrivateKeyInfo();
            } catch (IOException e) {
                throw wrongPassword(file, e);
            }
        }
        return null;
    }

    private static char[] required(char[] password, Path file) {
        if (password == null) {
            throw new StartupException("--tls-key " + file + " is encrypted; give its password with "
                    + "--tls-key-password.");
        }
        return password;
    }

    private static StartupException wrongPassword(Path file, Exception cause) {
        return new StartupException("--tls-key-password does not decrypt --tls-key " + file
                + "; check the password.", cause);
    }
}
