package io.github.wsline.server;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.github.wsline.handshake.ConnectionLimitHandler;
import io.github.wsline.handshake.ConnectionLimits;
import io.github.wsline.handshake.PerMessageDeflateNegotiator;
import io.github.wsline.handshake.WebSocketServerConfig;
import io.github.wsline.handshake.WebSocketUpgradeHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The chat server: one port serving the page ({@code /}), {@code /healthz}, the chat ({@code ws /chat}) and an echo
 * endpoint ({@code ws /echo}), over TLS when given a certificate. To run it inside another program (a test, say), give
 * {@link #start(String...)} the jar's command-line options and {@link #close()} it when done:
 * <pre>{@code
 * try (ChatServer server = ChatServer.start("--host", "127.0.0.1", "--port", "0")) {
 *     URI chat = URI.create("ws://127.0.0.1:" + server.port() + "/chat?name=alice");
 *     ...
 * }
 * }</pre>
 *
 * <p>Each connection's pipeline, before the upgrade: [TLS], HTTP codec, {@code WireMeter}, connection limit, idle
 * timer, {@link WebSocketUpgradeHandler}, {@code WebSocketSession}, idle closer, {@code HttpPages},
 * {@code ConnectionErrors}. After it: [TLS], {@code WireMeter}, connection limit, idle timer, the frame decoder and
 * encoder (and permessage-deflate's), {@code FrameMeter}, the codec, the route's handler, {@code WebSocketSession},
 * idle closer, {@code HttpPages} (which passes frames on), {@code ConnectionErrors}. A connection over
 * {@code --max-connections} or {@code --max-connections-per-address} gets 503 for its first request
 * ({@link ConnectionLimitHandler}).
 */
public final class ChatServer implements AutoCloseable {
    /**
     * Unsent output a connection may hold before a room stops writing to it and disconnects it (1008): one client
     * that stops reading costs at most about this much memory.
     */
    static final WriteBufferWaterMark OUTPUT_LIMIT = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    static final WebSocketCloseStatus SHUTTING_DOWN = new WebSocketCloseStatus(1001, "Server shutting down.");
    /** The WebSocket endpoints; {@link WireMeter} counts the answers to requests for them as handshakes. */
    static final Set<String> WEBSOCKET_PATHS = Set.of("/chat", "/echo");
    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

    private final EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ChatServerOptions options;
    private final Ticker rateLimitClock;
    private WebSocketServerConfig webSockets;
    private final ServerMetrics metrics = new ServerMetrics();
    private Channel serverChannel;

    private ChatServer(ChatServerOptions options, Ticker rateLimitClock) {
        this.options = options;
        this.rateLimitClock = rateLimitClock;
    }

    /**
     * Starts a server configured as {@code java -jar chat-server.jar} with {@code commandLineArguments} would be
     * ({@code --help} lists them); {@code --port 0} picks a free port, which {@link #port()} tells. The returned server
     * is accepting connections.
     *
     * @throws IllegalArgumentException if the arguments are not valid options, with the sentence saying why
     * @throws StartupException if the server cannot listen or cannot use its TLS files, with the sentence saying why
     * @throws InterruptedException if interrupted while binding
     */
    public static ChatServer start(String... commandLineArguments) throws InterruptedException {
        return start(Ticker.systemTicker(), commandLineArguments);
    }

    /**
     * As {@link #start(String...)}, with the chat's message-rate limits refilled by {@code rateLimitClock} instead of
     * the system's: a frozen clock (a test's) makes each connection's allowance its burst, however slowly the machine
     * delivers its messages.
     *
     * @param rateLimitClock the time source of every connection's token bucket
     * @param commandLineArguments the options, as on the command line
     * @return the server, accepting connections
     * @throws IllegalArgumentException if the arguments are not valid options, with the sentence saying why
     * @throws StartupException if the server cannot listen or cannot use its TLS files, with the sentence saying why
     * @throws InterruptedException if interrupted while binding
     */
    public static ChatServer start(Ticker rateLimitClock, String... commandLineArguments)
            throws InterruptedException {
        ChatServerOptions options = new ChatServerOptions();
        try {
            new CommandLine(options).parseArgs(commandLineArguments);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return start(options, rateLimitClock);
    }

    /** Binds and starts serving; the returned server is accepting connections. */
    static ChatServer start(ChatServerOptions options) throws InterruptedException {
        return start(options, Ticker.systemTicker());
    }

    /**
     * As {@link #start(ChatServerOptions)}, with the chat's rate limits refilled by {@code rateLimitClock}: a test's
     * frozen clock makes a connection's allowance its burst, however slowly the machine delivers its messages.
     */
    static ChatServer start(ChatServerOptions options, Ticker rateLimitClock) throws InterruptedException {
        options.validate();
        ChatServer server = new ChatServer(options, rateLimitClock);
        try {
            server.bind();
        } catch (InterruptedException | RuntimeException e) {
            // The event loop groups exist from the constructor on: without this, their threads keep the JVM alive.
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * What every connection is served with: the options' handshake timeout, codec settings and routes.
     *
     * @return the configuration of the server's WebSocket upgrade handler
     */
    public WebSocketServerConfig webSockets() {
        return webSockets;
    }

    /**
     * The address the server listens on.
     *
     * @return the bound address and port
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The port the server listens on: the one {@code --port} gave, or the one the system chose for {@code 0}. */
    public int port() {
        return address().getPort();
    }

    /** The URL of the page, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        InetAddress ip = address().getAddress();
        String host = ip.isAnyLocalAddress() ? "localhost"
                : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return (options.tls() ? "https://" : "http://") + host + ":" + address().getPort() + "/";
    }

    private void bind() throws InterruptedException {
        SslContext tls = options.tls()
                ? TlsContext.forServer(options.tlsCert, options.tlsKey, options.tlsKeyPassword) : null;
        webSockets = webSocketConfig(metrics.watch(new ChatRooms(options.history, metrics.chat())));
        HttpPages pages = new HttpPages(metrics);
        IdleTimeoutHandler idleCloser = new IdleTimeoutHandler();
        ConnectionErrors connectionErrors = new ConnectionErrors();
        ConnectionLimitHandler connectionLimit = new ConnectionLimitHandler(
                new ConnectionLimits(options.maxConnections, options.maxConnectionsPerAddress));
        metrics.watch(connectionLimit);
        if (options.logLevel != null) {
            options.logLevel.apply();
        }
        ChannelFuture bound = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, OUTPUT_LIMIT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Netty's default, stated: a peer's FIN closes the connection. WebSocket has its own closing handshake;
                // a peer that half-closes TCP without it is gone (RFC 6455 §7.1.5: 1006, never sent on the wire).
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline pipeline = ch.pipeline();
                        if (tls != null) {
                            pipeline.addLast(tls.newHandler(ch.alloc()));
                        }
                        WebSocketSession session = new WebSocketSession(metrics);
                        pipeline.addLast(webSockets.newHttpServerCodec(),
                                new WireMeter(metrics, WEBSOCKET_PATHS, session), connectionLimit);
                        if (options.idleTimeoutSeconds > 0) {
                            pipeline.addLast(new IdleStateHandler(options.idleTimeoutSeconds, 0, 0));
                        }
                        pipeline.addLast(new WebSocketUpgradeHandler(webSockets), session, idleCloser, pages,
                                connectionErrors);
                    }
                })
                .bind(options.host, options.port).await();
        if (!bound.isSuccess()) {
            throw BindFailures.describe(bound.cause(), options.host, options.port);
        }
        serverChannel = bound.channel();
        LOG.info("Listening on {}: TLS {}, permessage-deflate {}, NIO transport", address(),
                options.tls() ? "on" : "off", options.noDeflate ? "off" : "on");
    }

    private WebSocketServerConfig webSocketConfig(ChatRooms rooms) {
        WebSocketConfig codec = WebSocketConfig.builder()
                .maxFramePayloadLength(options.maxFrameSize)
                .maxMessageSize(options.maxMessageSize)
                .pingInterval(Duration.ofSeconds(options.pingIntervalSeconds))
                .pongTimeout(Duration.ofSeconds(options.pongTimeoutSeconds))
                .closeTimeout(Duration.ofSeconds(options.closeTimeoutSeconds))
                .build();
        WebSocketServerConfig.Builder config = WebSocketServerConfig.builder()
                .codec(codec)
                .handshakeTimeout(Duration.ofSeconds(options.handshakeTimeoutSeconds))
                .allowedOrigins(options.allowedOrigins.toArray(String[]::new))
                .route("/chat", () -> new ChatHandler(rooms, options.maxMessagesPerSecond, options.messageBurst,
                        rateLimitClock))
                .route("/echo", EchoHandler::new);
        if (!options.noDeflate) {
            // The default policy requires server_no_context_takeover: a room message is compressed once for all.
            config.extensions(PerMessageDeflateNegotiator.builder().build());
        }
        return config.build();
    }

    /**
     * Stops accepting, sends every WebSocket Close 1001, gives the clients the shutdown timeout to answer (each
     * connection closes when its closing handshake completes), then stops whatever is left.
     */
    @Override
    public void close() {
        if (serverChannel != null) {
            LOG.info("Stopping, with {} connections open: WebSockets get Close 1001", connections.size());
            serverChannel.close().syncUninterruptibly();
        }
        for (Channel connection : connections) {
            // Decided on the connection's event loop: the upgrade writes the 101 and installs the codec in one task
            // there, so a client that has read its 101 is always seen as a WebSocket and gets the Close.
            connection.eventLoop().execute(() -> {
                if (connection.pipeline().get(WebSocketConnectionHandler.class) != null) {
                    connection.writeAndFlush(new CloseWebSocketFrame(SHUTTING_DOWN))
                            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                } else {
                    connection.close();
                }
            });
        }
        Duration timeout = Duration.ofSeconds(options.shutdownTimeoutSeconds);
        connections.newCloseFuture().awaitUninterruptibly(timeout.toMillis());
        connections.close().awaitUninterruptibly();
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        metrics.close();
        if (serverChannel != null) {
            LOG.info("Stopped");
        }
    }
}
