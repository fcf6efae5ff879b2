package io.github.wsline.it;

import io.github.wsline.server.ChatServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat server as people run it: {@link ChatServerMain} in a JVM of its own, with the test's class path. Its
 * standard output and error go to files, so that the process never blocks on them and a test can read them whole.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
    private static final Duration POLL = Duration.ofMillis(50);

    private final Process process;
    private final Path out;
    private final Path err;

    private ServerProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java ChatServerMain args}, writing its output under {@code dir}. */
    static ServerProcess start(Path dir, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ChatServerMain.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ServerProcess(process, out, err);
    }

    /**
     * Waits for the process to exit, for at most {@link JdkClient#TIMEOUT}.
     *
     * @return its exit status
     * @throws AssertionError if it is still running then
     */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(JdkClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + JdkClient.TIMEOUT.toSeconds() + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits until the server prints its URL, for at most {@link JdkClient#TIMEOUT}, and returns the port. */
    int awaitListeningPort() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + JdkClient.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher listening = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (listening.find()) {
                return java.net.URI.create(listening.group(1)).getPort();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("the server never said it was listening:\n" + output());
    }

    /** SIGTERM: the server's graceful shutdown. */
    void terminate() {
        process.destroy();
    }

    /** The lines the process wrote to standard error. */
    List<String> stderrLines() throws IOException {
        return Files.readAllLines(err, StandardCharsets.UTF_8);
    }

    /** Standard output, then standard error, for failure messages. */
    String output() {
        try {
            return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
