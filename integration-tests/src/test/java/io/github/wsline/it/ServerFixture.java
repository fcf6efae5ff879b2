package io.github.wsline.it;

import io.github.wsline.server.ChatServer;
import io.netty.util.concurrent.Ticker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat server started in-process for one test, on 127.0.0.1 and a free port, with the command line's options.
 * {@link #close()} is the server's graceful shutdown; it may be called by the test and again after it.
 */
final class ServerFixture implements AutoCloseable {
    /** HTTP/1.1 only: the default, HTTP/2, would send an h2c upgrade request with every plain GET. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(JdkClient.TIMEOUT)
            .build();

    private final ChatServer server;
    private boolean closed;

    private ServerFixture(ChatServer server) {
        this.server = server;
    }

    /** Starts a server with {@code options} added to {@code --host 127.0.0.1 --port 0}. */
    static ServerFixture start(String... options) throws Exception {
        return start(Ticker.systemTicker(), options);
    }

    /** As {@link #start(String...)}, with the chat's rate limits refilled by {@code rateLimitClock}. */
    static ServerFixture start(Ticker rateLimitClock, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0"));
        args.addAll(List.of(options));
        return new ServerFixture(ChatServer.start(rateLimitClock, args.toArray(String[]::new)));
    }

    ChatServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    /** {@code pathAndQuery} on the server, e.g. {@code http://127.0.0.1:PORT/healthz}. */
    URI http(String pathAndQuery) {
        return URI.create(server.url()).resolve(pathAndQuery);
    }

    /** {@code pathAndQuery} as a WebSocket URI, e.g. {@code ws://127.0.0.1:PORT/chat?name=alice}. */
    URI ws(String pathAndQuery) {
        return URI.create(http(pathAndQuery).toString().replaceFirst("^http", "ws"));
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(http(pathAndQuery)).timeout(JdkClient.TIMEOUT).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A JDK WebSocket client connected to {@code pathAndQuery}. */
    JdkClient connect(String pathAndQuery) {
        return JdkClient.connect(HTTP, ws(pathAndQuery));
    }

    /** Connects {@code name} to {@code room} and reads its welcome, so that the next event is what follows. */
    JdkClient join(String name, String room) {
        JdkClient member = connect("/chat?name=" + name + "&room=" + room);
        member.expectEvent("welcome");
        return member;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            server.close();
        }
    }
}
