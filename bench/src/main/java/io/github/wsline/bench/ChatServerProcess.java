package io.github.wsline.bench;

import io.github.wsline.server.ChatServerMain;

/**
 * The chat server ({@link ChatServerMain}, with its command-line options as arguments) in a JVM of its own for
 * {@link ChatSoak}, answering {@link ServerCommands} on its standard input and output. The server prints its own
 * "listening on" line once it accepts connections. When standard input closes, the JVM exits and the server's
 * shutdown hook closes it as SIGTERM would.
 */
public final class ChatServerProcess {
    private ChatServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Thread server = new Thread(() -> {
            try {
                ChatServerMain.main(args); // returns only when the JVM shuts down
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }, "chat-server-main");
        server.setDaemon(true);
        server.start();
        ServerCommands.answerUntilClosed();
        System.exit(0);
    }
}
