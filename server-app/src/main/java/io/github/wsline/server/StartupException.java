package io.github.wsline.server;

/**
 * The chat server could not start for a reason outside the program: its port is taken, its address is not one of the
 * machine's, a TLS file is missing, unreadable or does not go with the other. The message is one sentence that names
 * the problem and the option that fixes it, for a person to read; the cause, if any, is what the system reported.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
