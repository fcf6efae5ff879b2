package io.github.wsline.it.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.it.netty.example.client.WebSocketClient;
import io.github.wsline.it.netty.example.server.WebSocketFrameHandler;
import io.github.wsline.it.netty.example.server.WebSocketIndexPageHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * Netty's example client ({@code example/.../http/websocketx/client}), ported by renaming its handshaker factory and
 * compression handler, run as a user runs it: its {@code main}, with the server's URL in the {@code url} system
 * property, lines typed on its standard input and what it prints read from its standard output. The server is
 * Netty's own example server, built here with Netty's handlers, so permessage-deflate is negotiated with Netty's stock
 * server.
 */
class ExampleClientTest {
    private static final String PATH = "/websocket";

    @Test
    void theExampleClientTalksToNettysExampleServer() throws Exception {
        try (Loopback loopback = new Loopback(); ConsoleOfMain console = new ConsoleOfMain()) {
            Channel server = loopback.serve(nettysExampleServer());
            System.setProperty("url", Loopback.uri(server, PATH).toString()); // read once, when the class loads
            CompletableFuture<Void> main = console.run(() -> WebSocketClient.main(new String[0]));
            console.awaitPrinted("WebSocket Client connected!");
            console.type("hello");
            console.awaitPrinted("WebSocket Client received message: HELLO");
            assertTrue(loopback.accepted().get(0).pipeline().toMap().values().stream()
                    .anyMatch(WebSocketExtensionEncoder.class::isInstance), "permessage-deflate negotiated");
            console.type("ping");
            console.awaitPrinted("WebSocket Client received pong");
            console.type("bye");
            console.awaitPrinted("WebSocket Client received closing");
            Loopback.await(main);
        }
    }

    /** The pipeline of Netty's {@code WebSocketServerInitializer}, with Netty's own handlers. */
    private static ChannelInitializer<Channel> nettysExampleServer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                        new WebSocketIndexPageHandler(PATH), new WebSocketServerCompressionHandler(65536),
                        new WebSocketServerProtocolHandler(PATH, null, true), new WebSocketFrameHandler());
            }
        };
    }

    /**
     * Standard input and output of a {@code main} run on its own thread: lines typed into a pipe, printed lines
     * copied to the real output and queued. Restores {@code System.in} and {@code System.out} when closed.
     */
    private static final class ConsoleOfMain implements AutoCloseable {
        private final PrintStream realOut = System.out;
        private final java.io.InputStream realIn = System.in;
        private final BlockingQueue<String> printed = new LinkedBlockingQueue<>();
        private final PipedOutputStream keyboard = new PipedOutputStream();

        ConsoleOfMain() throws IOException {
            System.setIn(new PipedInputStream(keyboard));
            System.setOut(new PrintStream(new LineTap(), true, StandardCharsets.UTF_8));
        }

        CompletableFuture<Void> run(Main main) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    main.run();
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "main of the example");
            thread.setDaemon(true);
            thread.start();
            return done;
        }

        void type(String line) throws IOException {
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        /** Waits until {@code line} is printed; lines printed before it are skipped. */
        void awaitPrinted(String line) {
            while (!line.equals(Loopback.next(printed, "line \"" + line + "\""))) {
                // skip
            }
        }

        @Override
        public void close() throws IOException {
            System.setOut(realOut);
            System.setIn(realIn);
            keyboard.close();
        }

        private final class LineTap extends OutputStream {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                realOut.write(b);
                if (b == '\n') {
                    printed.add(line.toString(StandardCharsets.UTF_8).stripTrailing());
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Main {
        void run() throws Exception;
    }
}
