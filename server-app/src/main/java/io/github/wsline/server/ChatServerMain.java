package io.github.wsline.server;

import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code java -jar chat-server.jar [options]}: starts the chat server and runs until SIGTERM or Ctrl-C. */
public final class ChatServerMain {
    private ChatServerMain() {
    }

    /**
     * Starts the server with the options given, prints its URL, and waits until the JVM shuts down, which closes it.
     *
     * @param args the options ({@code --help} lists them); invalid ones print the usage and exit with status 2
     * @throws Exception if the server cannot start, e.g. when its port is taken
     */
    public static void main(String[] args) throws Exception {
        ChatServerOptions options = new ChatServerOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
            options.validate();
        } catch (ParameterException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            commandLine.usage(System.err);
            System.exit(2);
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return;
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(System.out);
            return;
        }
        ChatServer server = ChatServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "chat-server-shutdown"));
        System.out.println("wsline chat server listening on " + server.url());
        stopped.await();
    }
}
