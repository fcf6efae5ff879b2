package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What peers cause is one debug line without the stack trace; the rest is a bug, and a warning. */
class ConnectionErrorsTest {
    @Test
    void plainHttpOnTheTlsPortIsOneLineWithoutTheBytes() {
        // What SslHandler raises for "GET / HTTP/1.1": its message is the bytes in hex.
        Throwable cause = new DecoderException(new NotSslRecordException("not an SSL/TLS record: 474554202f20485454"));
        assertEquals("not TLS (plain HTTP on the TLS port?); closed", ConnectionErrors.routine(cause));
    }

    @Test
    void refusedCertificateIsOneLineWithTheAlert() {
        // A browser or curl that does not trust a self-signed certificate ends the handshake with this alert.
        Throwable cause = new DecoderException(new SSLHandshakeException("Received fatal alert: certificate_unknown"));
        assertEquals("TLS failed: Received fatal alert: certificate_unknown", ConnectionErrors.routine(cause));
    }

    @Test
    void connectionResetIsOneLine() {
        assertEquals("java.io.IOException: Connection reset by peer",
                ConnectionErrors.routine(new IOException("Connection reset by peer")));
    }

    @Test
    void anythingElseIsNotRoutine() {
        assertNull(ConnectionErrors.routine(new IllegalStateException("a bug")));
        assertNull(ConnectionErrors.routine(new DecoderException(new IllegalStateException("a decoder's bug"))));
    }
}
