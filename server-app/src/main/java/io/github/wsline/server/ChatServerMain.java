package io.github.wsline.server;

import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code java -jar chat-server.jar [options]}: starts the chat server and runs until SIGTERM or Ctrl-C. When it cannot
 * run, it says why in one line on standard error and exits at once: status 2 for a usage error (a wrong option), 1 for
 * a startup failure (port taken, address not this machine's, TLS files), the convention of BSD's sysexits and GNU's
 * tools.
 */
public final class ChatServerMain {
    /** A startup failure: the options are valid, the machine or the files are not as they say. */
    static final int STARTUP_FAILURE = 1;
    /** A usage error: the command line itself is wrong. */
    static final int USAGE_ERROR = 2;

    private ChatServerMain() {
    }

    /**
     * Starts the server with the options given, prints its URL, and waits until the JVM shuts down, which closes it.
     *
     * @param args the options ({@code --help} lists them); invalid ones print the reason and exit with status 2
     * @throws InterruptedException if interrupted while binding
     */
    public static void main(String[] args) throws InterruptedException {
        ChatServerOptions options = new ChatServerOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
            options.validate();
        } catch (ParameterException | IllegalArgumentException e) {
            // The reason alone: the whole usage would scroll it out of sight.
            System.err.println(e.getMessage());
            System.err.println("Run with --help for the options.");
            System.exit(USAGE_ERROR);
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return;
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(System.out);
            return;
        }
        ChatServer server = startOrExit(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "chat-server-shutdown"));
        System.out.println("wsline chat server listening on " + server.url());
        stopped.await();
    }

    private static ChatServer startOrExit(ChatServerOptions options) throws InterruptedException {
        try {
            return ChatServer.start(options);
        } catch (StartupException e) {
            if (options.debug) {
                e.printStackTrace();
            }
            System.err.println(e.getMessage());
            System.exit(STARTUP_FAILURE);
            throw new AssertionError("System.exit returned", e);
        }
    }
}
