package io.github.wsline.codec;

import static io.github.wsline.codec.WebSocketConfig.Role.CLIENT;
import static io.github.wsline.codec.WebSocketConfig.Role.SERVER;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz targets: arbitrary bytes from the peer into the codec of one connection (decoder, protocol handler,
 * aggregator, and with permessage-deflate the inflater), as a server and as a client. {@link FuzzedEndpoint} lists
 * what counts as a failure: an exception escaping the pipeline, a leaked buffer or zlib stream, a malformed frame or
 * message on either side, a channel closed without a Close frame.
 *
 * <p>The input is a {@link io.github.wsline.testsupport.FuzzInput}: a first byte of options (read size; flags
 * {@link FuzzedEndpoint#STREAMING}, {@link FuzzedEndpoint#READ_ONLY}, {@link FuzzedEndpoint#NO_CONTEXT_TAKEOVER}),
 * then the peer's bytes. {@code mvn verify} replays the seeds and past findings under
 * {@code src/test/resources/io/github/wsline/codec/FrameDecoderFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1}
 * fuzzes one method (see {@code .ci/run}).
 *
 * <p>A hang is a failure too: Jazzer turns {@code @Timeout} into libFuzzer's per-input {@code -timeout} when fuzzing
 * (JUnit's own timeouts must then be off, {@code -Djunit.jupiter.execution.timeout.mode=disabled}, or they would
 * time the whole fuzzing run), and JUnit applies it to each input replayed by {@code mvn verify}, in a thread of its
 * own so that even a busy loop is cut off. 30 s: an input takes milliseconds, the slowest replayed one about 2 s on a
 * busy machine (the first, which loads the classes); an endless loop still fails well within a fuzzing run.
 */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class FrameDecoderFuzzTest {
    @FuzzTest
    void server(byte[] data) {
        FuzzedEndpoint.run(SERVER, false, data);
    }

    @FuzzTest
    void client(byte[] data) {
        FuzzedEndpoint.run(CLIENT, false, data);
    }

    @FuzzTest
    void serverWithDeflate(byte[] data) {
        FuzzedEndpoint.run(SERVER, true, data);
    }

    @FuzzTest
    void clientWithDeflate(byte[] data) {
        FuzzedEndpoint.run(CLIENT, true, data);
    }
}
