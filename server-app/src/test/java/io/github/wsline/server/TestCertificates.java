package io.github.wsline.server;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A self-signed certificate for {@code localhost}, made when a test runs (no key files in the repository), and its
 * private key written as PEM in each form OpenSSL writes.
 */
final class TestCertificates {
    static final char[] PASSWORD = "correct horse".toCharArray();
    /** OpenSSL's key derivation and PEM encryption: by instance, as the server uses it, never installed. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    /** Fixed validity, wide enough for any day the tests run: no test reads the clock to make its certificate. */
    private static final Instant NOT_BEFORE = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");

    final KeyPair keys;
    final X509Certificate certificate;

    private TestCertificates(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A certificate for a new RSA key. */
    static TestCertificates rsa() throws GeneralSecurityException, OperatorCreationException {
        return selfSigned(generate("RSA", 2048), "SHA256withRSA");
    }

    /** A certificate for a new EC P-256 key. */
    static TestCertificates ec() throws GeneralSecurityException, OperatorCreationException {
        return selfSigned(generate("EC", 256), "SHA256withECDSA");
    }

    private static KeyPair generate(String algorithm, int size) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(size);
        return generator.generateKeyPair();
    }

    private static TestCertificates selfSigned(KeyPair keys, String signatureAlgorithm)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, keys.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
        return new TestCertificates(keys, certificate);
    }

    Path writeCertificate(Path file) throws IOException {
        return Files.writeString(file, pem(certificate));
    }

    /** {@code BEGIN PRIVATE KEY}: PKCS#8, what {@code openssl genpkey} writes. */
    Path writePkcs8Key(Path file) throws IOException {
        return Files.writeString(file, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
    }

    /** {@code BEGIN RSA PRIVATE KEY} (PKCS#1) or {@code BEGIN EC PRIVATE KEY} (SEC1): OpenSSL's traditional form. */
    Path writeTraditionalKey(Path file) throws IOException {
        if (!keys.getPrivate().getAlgorithm().equals("EC")) {
            return Files.writeString(file, pem(keys.getPrivate()));
        }
        // The JDK's encoding names the curve only outside the SEC1 structure (RFC 5915 §3 makes it optional inside),
        // where BouncyCastle's writer drops it: written here with the curve inside, as OpenSSL writes it.
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        BigInteger secret = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(pkcs8.parsePrivateKey()).getKey();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret,
                pkcs8.getPrivateKeyAlgorithm().getParameters());
        return Files.writeString(file, pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded())));
    }

    /** {@code BEGIN ENCRYPTED PRIVATE KEY}: PKCS#8 encrypted with AES-256-CBC under {@link #PASSWORD}. */
    Path writeEncryptedPkcs8Key(Path file) throws IOException, OperatorCreationException {
        JceOpenSSLPKCS8EncryptorBuilder encryption = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC);
        encryption.setProvider(BOUNCY_CASTLE).setPassword(PASSWORD);
        return Files.writeString(file, pem(new JcaPKCS8Generator(keys.getPrivate(), encryption.build())));
    }

    /** {@code Proc-Type: 4,ENCRYPTED}: the traditional form encrypted under {@link #PASSWORD}, OpenSSL 1's default. */
    Path writeLegacyEncryptedKey(Path file) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(keys.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BOUNCY_CASTLE)
                    .build(PASSWORD));
        }
        return Files.writeString(file, out.toString());
    }

    /** A TLS client context that trusts this certificate alone. */
    SSLContext trustingIt() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("localhost", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
