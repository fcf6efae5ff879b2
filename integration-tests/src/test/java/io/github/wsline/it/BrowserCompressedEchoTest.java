package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Chromium's own WebSocket, which always offers permessage-deflate, against the chat server's {@code /echo} at its
 * default 1 MiB limits: a message of the limit made of random bytes, a little longer once deflated (RFC 7692 §7.2.1),
 * is echoed whole; one byte more is refused with 1009 once inflated. Debian's Chromium and chromedriver
 * ({@link Chromium}).
 */
class BrowserCompressedEchoTest {
    private static final int LIMIT = 1 << 20;
    /**
     * Sends {@code arguments[0]} random bytes to {@code arguments[1]} as one binary message and reports the echo:
     * {@code crypto.getRandomValues} fills at most 65,536 bytes a call.
     */
    private static final String ECHO_SCRIPT = """
            const [size, url, done] = arguments;
            const sent = new Uint8Array(size);
            for (let i = 0; i < size; i += 65536) {
              crypto.getRandomValues(sent.subarray(i, Math.min(size, i + 65536)));
            }
            const socket = new WebSocket(url);
            socket.binaryType = 'arraybuffer';
            socket.onopen = () => socket.send(sent);
            socket.onmessage = (event) => {
              const echo = new Uint8Array(event.data);
              const same = echo.length === sent.length && echo.every((b, i) => b === sent[i]);
              done(same ? `echoed ${echo.length} bytes with ${socket.extensions}`
                        : `the echo differs: ${echo.length} bytes for ${size} sent`);
              socket.close(1000);
            };
            socket.onclose = (event) => done(`closed with ${event.code} "${event.reason}"`);
            """;

    private static ServerFixture server;
    private static Chromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void startServerAndBrowser(@TempDir Path profiles) throws Exception {
        Chromium.require();
        server = ServerFixture.start();
        chromium = new Chromium(profiles);
        browser = chromium.open(1024, 768);
        browser.manage().timeouts().scriptTimeout(JdkClient.TIMEOUT);
        browser.get(server.http("/healthz").toString()); // a page of the server's origin, without the chat's CSP
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void randomMessageOfTheLimitIsEchoedCompressed() {
        assertEquals("echoed 1048576 bytes with permessage-deflate; server_no_context_takeover; "
                + "client_no_context_takeover", echo(LIMIT));
    }

    @Test
    void randomMessageOneByteOverTheLimitIsRefusedOnceInflated() {
        assertEquals("closed with 1009 \"Message exceeds 1048576 bytes.\"", echo(LIMIT + 1));
    }

    private static String echo(int bytes) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript(ECHO_SCRIPT, bytes,
                server.ws("/echo").toString());
    }
}
