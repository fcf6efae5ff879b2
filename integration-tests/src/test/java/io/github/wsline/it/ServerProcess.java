package io.github.wsline.it;

import io.github.wsline.server.ChatServerMain;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat server as people run it: {@link ChatServerMain} in a JVM of its own, with the test's class path. Its
 * standard output and error go to files, so that the process never blocks on them and a test can read them whole.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

    private final Process process;
    private final Path out;
    private final Path err;
    /** The port of the server's "listening on" line; failed if standard output ends without one. */
    private final CompletableFuture<Integer> listeningPort = new CompletableFuture<>();

    private ServerProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
        Thread copier = new Thread(this::copyOutput, "server-process-stdout"); // blocks on the pipe: a thread of its own
        copier.setDaemon(true);
        copier.start();
    }

    /** Starts {@code java ChatServerMain args}, writing its output under {@code dir}. */
    static ServerProcess start(Path dir, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ChatServerMain.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
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
    int awaitListeningPort() {
        try {
            return JdkClient.await(listeningPort);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("the server never said it was listening:\n" + output(), e);
        }
    }

    /**
     * Copies standard output to its file line by line, so that the process never blocks on it, and completes
     * {@link #listeningPort} as soon as the "listening on" line comes (or fails it if the output ends without one).
     */
    private void copyOutput() {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8);
                BufferedWriter copy = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                copy.write(line);
                copy.newLine();
                copy.flush();
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    listeningPort.complete(URI.create(listening.group(1)).getPort());
                }
            }
            listeningPort.completeExceptionally(
                    new IllegalStateException("standard output ended without a \"listening on\" line"));
        } catch (IOException | RuntimeException e) {
            listeningPort.completeExceptionally(e);
        }
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
            String stdout = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            return stdout + Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
