package io.github.wsline.server;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.handshake.ConnectionLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The chat server's command line; each option's default is shown by {@code --help}. */
@Command(name = "chat-server", mixinStandardHelpOptions = true, sortOptions = false, version = "wsline chat server 0.1",
        description = "Serves the wsline chat: the page on /, WebSocket chat on /chat, an echo endpoint on /echo.")
final class ChatServerOptions {
    /** TCP ports are 16 bits (RFC 9293 §3.1). */
    private static final int MAX_PORT = 65535;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--max-frame-size", defaultValue = "" + WebSocketConfig.DEFAULT_MAX_FRAME_PAYLOAD_LENGTH,
            description = "Largest frame payload accepted, in bytes (1009 beyond). Default: ${DEFAULT-VALUE}.")
    int maxFrameSize;

    @Option(names = "--max-message-size", defaultValue = "" + WebSocketConfig.DEFAULT_MAX_MESSAGE_SIZE,
            description = "Largest message accepted, all fragments together, in bytes (1009 beyond). Default: ${DEFAULT-VALUE}.")
    int maxMessageSize;

    @Option(names = "--max-connections", defaultValue = "" + ConnectionLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Connections open at once; one more is answered 503 and closed. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "" + ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Connections open at once from one IP address; one more is answered 503 and closed. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerAddress;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "An origin allowed to open WebSockets besides the server's own (repeatable; * allows any). "
                    + "Default: same origin only, and clients that send no Origin.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain (PEM): serve https and wss.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "Private key of --tls-cert (PEM: PKCS#8, PKCS#1 RSA or SEC1 EC, encrypted or not).")
    Path tlsKey;

    @Option(names = "--tls-key-password", paramLabel = "PASSWORD", arity = "1",
            description = "Password of an encrypted --tls-key. Other users can see the command line: put the option "
                    + "in a file only you can read, and give the file as @FILE.")
    char[] tlsKeyPassword;

    @Option(names = "--idle-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "Close a connection that has received nothing for this long: WebSockets with Close 1001. "
                    + "0 disables. Default: ${DEFAULT-VALUE}.")
    int idleTimeoutSeconds;

    @Option(names = "--ping-interval", defaultValue = "30", paramLabel = "SECONDS",
            description = "Ping a WebSocket that has sent nothing for this long; no answer within --pong-timeout "
                    + "closes it with 1001. Keeps quiet but live clients within --idle-timeout. 0 disables. "
                    + "Default: ${DEFAULT-VALUE}.")
    int pingIntervalSeconds;

    @Option(names = "--pong-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "After a keepalive Ping, how long a WebSocket may stay silent before Close 1001. "
                    + "Default: ${DEFAULT-VALUE}.")
    int pongTimeoutSeconds;

    @Option(names = "--handshake-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Close a connection that has neither upgraded nor sent a plain HTTP request by then. "
                    + "Default: ${DEFAULT-VALUE}.")
    int handshakeTimeoutSeconds;

    @Option(names = "--close-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long a WebSocket gets to answer the server's Close before TCP is closed. "
                    + "Default: ${DEFAULT-VALUE}.")
    int closeTimeoutSeconds;

    @Option(names = "--max-messages-per-second", defaultValue = "" + MessageRateLimit.DEFAULT_PER_SECOND, paramLabel = "N",
            description = "Chat messages a connection may send per second, on average; messages over the limit are "
                    + "dropped, the first of a run with an error event. Default: ${DEFAULT-VALUE}.")
    int maxMessagesPerSecond;

    @Option(names = "--message-burst", defaultValue = "" + MessageRateLimit.DEFAULT_BURST, paramLabel = "N",
            description = "Chat messages a connection may send at once before --max-messages-per-second applies; a "
                    + "connection more than this many messages over its limit is closed with 1008. Default: ${DEFAULT-VALUE}.")
    int messageBurst;

    @Option(names = "--history", defaultValue = "50", description = "Messages kept per room and replayed to who joins. Default: ${DEFAULT-VALUE}.")
    int history;

    @Option(names = "--no-deflate", description = "Do not negotiate permessage-deflate (RFC 7692), which is on by default.")
    boolean noDeflate;

    @Option(names = "--debug", description = "When the server cannot start, print the stack trace behind the reason.")
    boolean debug;

    @Option(names = "--shutdown-timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "On SIGTERM, how long clients get to answer Close 1001 before the process exits. Default: ${DEFAULT-VALUE}.")
    int shutdownTimeoutSeconds;

    @Option(names = "--log-level", paramLabel = "LEVEL", converter = LogLevel.Converter.class,
            description = "Level of the server's own log: error, warn, info, debug (adds protocol violations, refused "
                    + "handshakes and a line per WebSocket session) or trace. Default: info, or what "
                    + "-Dlogback.configurationFile=FILE sets.")
    LogLevel logLevel;

    boolean tls() {
        return tlsCert != null;
    }

    /** Checks what picocli cannot: the option combinations. */
    void validate() {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("--port must be between 0 and " + MAX_PORT + ".");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together.");
        }
        if (maxFrameSize <= 0 || maxMessageSize <= 0 || history < 0 || idleTimeoutSeconds < 0 || shutdownTimeoutSeconds < 0
                || pingIntervalSeconds < 0 || maxConnections <= 0 || maxConnectionsPerAddress <= 0) {
            throw new IllegalArgumentException("Sizes and connection limits must be positive; --history, --idle-timeout, --ping-interval and --shutdown-timeout not negative.");
        }
        if (pongTimeoutSeconds <= 0 || handshakeTimeoutSeconds <= 0 || closeTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("--pong-timeout, --handshake-timeout and --close-timeout must be positive.");
        }
        if (maxMessagesPerSecond <= 0 || messageBurst <= 0) {
            throw new IllegalArgumentException("--max-messages-per-second and --message-burst must be positive.");
        }
    }
}
