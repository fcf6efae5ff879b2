package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar chat-server.jar} when it cannot run: one line on standard error naming the problem and the fix, no
 * stack trace unless {@code --debug}, and the process exits: status 1 when the machine or the files are not as the
 * options say, 2 when the options themselves are wrong.
 */
class StartupErrorsTest {
    private static final int STARTUP_FAILURE = 1;
    private static final int USAGE_ERROR = 2;
    private static final String HELP_LINE = "Run with --help for the options.";

    @TempDir
    Path dir;

    /** Runs the server with {@code args}, waits for it to exit, and checks its status and standard error. */
    private void assertExits(int status, List<String> stderr, String... args) throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, args)) {
            assertEquals(status, server.awaitExit(), server::output);
            assertEquals(stderr, server.stderrLines());
        }
    }

    static X509Bundle selfSigned() throws Exception {
        return new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
    }

    @Test
    void portInUseIsOneLineAndExitStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertExits(STARTUP_FAILURE,
                    List.of("Port " + port + " is already in use on 127.0.0.1; choose another with --port."),
                    "--host", "127.0.0.1", "--port", String.valueOf(port));
        }
    }

    @Test
    void addressNotOfThisMachineIsOneLineAndExitStatus1() throws Exception {
        // TEST-NET-1 (RFC 5737): for documentation only, never a machine's address.
        assertExits(STARTUP_FAILURE,
                List.of("192.0.2.1 is not an address of this machine; choose one of its addresses with --host, "
                        + "or 0.0.0.0 for all."),
                "--host", "192.0.2.1", "--port", "0");
    }

    @Test
    void keyOfAnotherCertificateIsOneLineAndExitStatus1() throws Exception {
        X509Bundle certificate = selfSigned();
        X509Bundle another = selfSigned();
        Path cert = Files.writeString(dir.resolve("cert.pem"), certificate.getCertificatePEM());
        Path key = Files.writeString(dir.resolve("key.pem"), another.getPrivateKeyPEM());
        assertExits(STARTUP_FAILURE,
                List.of("--tls-key " + key + " is not the key of the certificate in --tls-cert " + cert
                        + "; give the key the certificate was made for (docs/tls.md shows how to check)."),
                "--host", "127.0.0.1", "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString());
    }

    @Test
    void missingCertificateIsOneLineAndExitStatus1() throws Exception {
        Path missing = dir.resolve("cert.pem");
        assertExits(STARTUP_FAILURE,
                List.of("--tls-cert " + missing + " does not exist; give the path of the certificate chain (PEM)."),
                "--host", "127.0.0.1", "--port", "0", "--tls-cert", missing.toString(), "--tls-key", missing.toString());
    }

    @Test
    void portOutOfRangeIsAUsageErrorWithExitStatus2() throws Exception {
        for (String port : List.of("70000", "-1")) {
            assertExits(USAGE_ERROR, List.of("--port must be between 0 and 65535.", HELP_LINE), "--port", port);
        }
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutTheWholeUsage() throws Exception {
        assertExits(USAGE_ERROR, List.of("Unknown option: '--colour'", HELP_LINE), "--colour");
    }

    @Test
    void debugAddsTheStackTraceBeforeTheLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ServerProcess server = ServerProcess.start(dir, "--debug", "--host", "127.0.0.1",
                        "--port", String.valueOf(taken.getLocalPort()))) {
            assertEquals(STARTUP_FAILURE, server.awaitExit(), server::output);
            List<String> stderr = server.stderrLines();
            assertTrue(stderr.stream().anyMatch(line -> line.startsWith("Caused by: java.net.BindException")),
                    server::output);
            assertEquals("Port " + taken.getLocalPort() + " is already in use on 127.0.0.1; choose another with "
                    + "--port.", stderr.get(stderr.size() - 1));
        }
    }
}
