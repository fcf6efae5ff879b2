package io.github.wsline.server;

import java.net.SocketException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/** Why the server could not listen on {@code --host} and {@code --port}, said as the option that fixes it. */
final class BindFailures {
    private BindFailures() {
    }

    /**
     * The failure of binding {@code host} and {@code port} as one sentence. The system's messages (POSIX
     * {@code EADDRINUSE}, {@code EADDRNOTAVAIL}, {@code EACCES}) are the only way the JDK tells these cases apart.
     */
    static StartupException describe(Throwable cause, String host, int port) {
        String system = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        String sentence;
        if (cause instanceof UnresolvedAddressException) {
            sentence = "Host " + host + " is not known; give an address or a name of this machine with --host.";
        } else if (cause instanceof SocketException && system.contains("already in use")) {
            sentence = "Port " + port + " is already in use on " + host + "; choose another with --port.";
        } else if (cause instanceof SocketException && system.contains("assign requested address")) {
            sentence = host + " is not an address of this machine; choose one of its addresses with --host, "
                    + "or 0.0.0.0 for all.";
        } else if (cause instanceof SocketException && system.contains("permission denied")) {
            sentence = "Port " + port + " needs privileges this process does not have; choose one above 1023 "
                    + "with --port.";
        } else {
            sentence = "Cannot listen on " + host + " port " + port + ": " + cause + ".";
        }
        return new StartupException(sentence, cause);
    }
}
