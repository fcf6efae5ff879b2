package io.github.wsline.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test of the chat page in Chromium starts from: a chat server of its own and no window open yet. Skips
 * (or fails, under CI=true) when Chromium is missing.
 */
abstract class ChromiumChatTest {
    Chromium chromium;
    ServerFixture server;

    @BeforeAll
    static void requireChromium() {
        Chromium.require();
    }

    @BeforeEach
    void start(@TempDir Path profiles) throws Exception {
        chromium = new Chromium(profiles);
        server = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        chromium.close(); // first, or the pages would reconnect to the closing server
        server.close();
    }
}
