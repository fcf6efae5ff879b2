package io.github.wsline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server in a JVM of its own, started by a bench driver with the driver's class path and driven through
 * {@link ServerCommands}: a server sharing the driver's JVM would share its JIT profiles and its heap, and its memory
 * could not be measured apart. Closing it closes the server's standard input, its signal to stop; a server that does
 * not answer a command within {@link #ANSWER_TIMEOUT_SECONDS}, or does not exit within that time, is killed, and so is
 * one still running when the driver's JVM exits.
 */
final class ServerProcess implements AutoCloseable {
    static final long ANSWER_TIMEOUT_SECONDS = 120;
    /** Stands for the end of the server's standard output in {@link #lines}. */
    private static final String END = new String("end of output");

    /** One answer to {@code memory}, in bytes; see {@link ServerCommands}. */
    record Memory(long heap, long direct, long peakHeap, long sockets) {
    }

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintStream commands;

    private ServerProcess(Process process) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        Thread reader = new Thread(this::readLines, "server-output");
        reader.setDaemon(true);
        reader.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM (with {@code jvmOptions} and Netty's leak detector off),
     * its standard error shared with ours, and waits until it prints a line starting with {@code readyLine}.
     */
    static ServerProcess start(List<String> jvmOptions, String readyLine, Class<?> mainClass, String... args)
            throws IOException {
        return start(jvmOptions, ProcessBuilder.Redirect.INHERIT, readyLine, mainClass, args);
    }

    /** As {@link #start(List, String, Class, String...)}, the server's standard error going to {@code errors}. */
    static ServerProcess start(List<String> jvmOptions, ProcessBuilder.Redirect errors, String readyLine,
            Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dio.netty.leakDetection.level=disabled");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        ServerProcess server = new ServerProcess(new ProcessBuilder(command).redirectError(errors).start());
        for (String line = server.nextLine(); !line.startsWith(readyLine); line = server.nextLine()) {
            // lines before the ready line are not ours to read
        }
        return server;
    }

    Memory memory() throws IOException {
        String[] fields = ask("memory").split(" ");
        return new Memory(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                Long.parseLong(fields[3]));
    }

    long sockets() throws IOException {
        return Long.parseLong(ask("sockets"));
    }

    void resetPeak() throws IOException {
        ask("reset");
    }

    /** CPU time the process has used, all its threads (from /proc: a resolution of 10 ms). */
    long cpuNanos() {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    private String ask(String command) throws IOException {
        commands.println(command);
        return nextLine();
    }

    private String nextLine() throws IOException {
        String line;
        try {
            line = lines.poll(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the server.", e);
        }
        if (line == null || line == END) {
            process.destroyForcibly();
            throw new IOException(line == null ? "The server did not answer within " + ANSWER_TIMEOUT_SECONDS + " s."
                    : "The server process exited.");
        }
        return line;
    }

    private void readLines() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = output.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process is gone: END follows
        } finally {
            lines.add(END);
        }
    }

    /** Stops the server; true if it exited by itself within {@link #ANSWER_TIMEOUT_SECONDS}, false if it was killed. */
    boolean stop() throws InterruptedException {
        commands.close();
        if (process.waitFor(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            return true;
        }
        process.destroyForcibly().waitFor();
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        if (!stop()) {
            System.err.println("The server did not exit within " + ANSWER_TIMEOUT_SECONDS + " s: killed.");
        }
    }
}
