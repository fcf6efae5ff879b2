package io.github.wsline.it.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.it.netty.example.client.WebSocketClient;
import io.github.wsline.it.netty.example.client.WebSocketClientHandler;
import io.github.wsline.it.netty.example.server.WebSocketFrameHandler;
import io.github.wsline.it.netty.example.server.WebSocketIndexPageHandler;
import io.github.wsline.it.netty.example.server.WebSocketServerInitializer;
import io.github.wsline.it.netty.nia.ChatServerInitializer;
import io.github.wsline.netty.WslineClientCompressionHandler;
import io.github.wsline.netty.WslineClientHandshakerFactory;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * Netty's example client ({@code example/.../http/websocketx/client}), ported by renaming its handshaker factory and
 * compression handler. First run as a user runs it: its {@code main}, with the server's URL in the {@code url} system
 * property, lines typed on its standard input and what it prints read from its standard output, against Netty's own
 * example server (built here with Netty's handlers), so permessage-deflate is negotiated with Netty's stock server.
 * Then its handler in the pipeline its {@code main} builds (a {@code main} reads its URL once per JVM), and wsline's
 * client protocol handler, against the ported and Netty's servers.
 */
class ExampleClientTest {
    private static final String PATH = "/websocket";

    @Test
    void theExampleClientTalksToNettysExampleServer() throws Exception {
        try (Loopback loopback = new Loopback(); ConsoleOfMain console = new ConsoleOfMain()) {
            Channel server = loopback.serve(nettysExampleServer());
            System.setProperty("url", Loopback.uri(server, PATH).toString()); // read once, when the class loads
            CompletableFuture<Void> main;
            try {
                main = console.run(() -> WebSocketClient.main(new String[0]));
                console.awaitPrinted("WebSocket Client connected!");
            } finally {
                System.clearProperty("url");
            }
            console.type("hello");
            console.awaitPrinted("WebSocket Client received message: HELLO");
            assertTrue(negotiatedPerMessageDeflate(loopback.accepted().get(0)));
            console.type("ping");
            console.awaitPrinted("WebSocket Client received pong");
            console.type("bye");
            console.awaitPrinted("WebSocket Client received closing");
            Loopback.await(main);
        }
    }

    @Test
    void wslinesProtocolHandlerNegotiatesCompressionWithNettysExampleServer() {
        try (Loopback loopback = new Loopback()) {
            Channel server = loopback.serve(nettysExampleServer());
            ProtocolHandlerClient client = ProtocolHandlerClient.wslines(loopback, server, PATH);
            String text = "compress me ".repeat(1000);
            client.send(new TextWebSocketFrame(text));
            assertEquals("text:" + text.toUpperCase(Locale.ROOT), client.application().nextFrame());
            assertTrue(negotiatedPerMessageDeflate(loopback.accepted().get(0)));
            client.send(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {8, 1, 8, 1})));
            assertEquals("pong:08010801", client.application().nextFrame());
            client.send(new CloseWebSocketFrame(1000, "bye"));
            assertEquals("close:1000 bye", client.application().nextFrame());
            client.awaitClosed();
        }
    }

    /** Both ends ported: the example client's handler, in the pipeline its main builds, and the example server. */
    @Test
    void theExampleClientsHandlerTalksToThePortedExampleServer() {
        try (Loopback loopback = new Loopback()) {
            Channel server = loopback.serve(new WebSocketServerInitializer(null));
            FrameRecorder received = FrameRecorder.inFrontOfTheApplication();
            ExampleClient client = ExampleClient.connect(loopback, server, PATH, received);
            Loopback.await(client.handler().handshakeFuture());
            client.channel().writeAndFlush(new TextWebSocketFrame("hello"));
            assertEquals("text:HELLO", received.nextFrame());
            client.channel().writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {8, 1, 8, 1})));
            assertEquals("pong:08010801", received.nextFrame());
            client.channel().writeAndFlush(new CloseWebSocketFrame()); // what its main does on "bye"
            assertTrue(received.nextFrame().startsWith("close:"));
            Loopback.await(client.channel().closeFuture());
        }
    }

    /** Netty in Action's chat answers a request for any other path with its page: a refused handshake. */
    @Test
    void aRefusedHandshakeFailsTheExampleClientsHandshakeFuture() {
        try (Loopback loopback = new Loopback()) {
            Channel server = loopback.serve(new ChatServerInitializer(new DefaultChannelGroup(
                    ImmediateEventExecutor.INSTANCE)));
            ExampleClient client = ExampleClient.connect(loopback, server, "/nope",
                    FrameRecorder.inFrontOfTheApplication());
            ChannelFuture handshake = client.handler().handshakeFuture();
            assertTrue(handshake.awaitUninterruptibly(Loopback.TIMEOUT.toMillis()));
            assertInstanceOf(WebSocketHandshakeException.class, handshake.cause());
        }
    }

    @Test
    void aRefusedHandshakeReachesExceptionCaughtAsNettysClientHandshakeException() {
        try (Loopback loopback = new Loopback()) {
            Channel server = loopback.serve(new ChatServerInitializer(new DefaultChannelGroup(
                    ImmediateEventExecutor.INSTANCE)));
            ProtocolHandlerClient client = ProtocolHandlerClient.wslinesUnfinished(loopback, server, "/nope");
            assertInstanceOf(WebSocketClientHandshakeException.class, client.application().nextException());
            client.close();
        }
    }

    private static boolean negotiatedPerMessageDeflate(Channel nettyServerChannel) {
        return nettyServerChannel.pipeline().toMap().values().stream()
                .anyMatch(WebSocketExtensionEncoder.class::isInstance);
    }

    /** The example client's handler in the pipeline its main builds, connected to {@code path} of {@code server}. */
    private record ExampleClient(Channel channel, WebSocketClientHandler handler) {
        static ExampleClient connect(Loopback loopback, Channel server, String path, FrameRecorder inFrontOfHandler) {
            WebSocketClientHandler handler = new WebSocketClientHandler(WslineClientHandshakerFactory.newHandshaker(
                    Loopback.uri(server, path), WebSocketVersion.V13, null, true, new DefaultHttpHeaders()));
            Channel channel = loopback.connect(server, new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                            new WslineClientCompressionHandler(8192), inFrontOfHandler, handler);
                }
            });
            return new ExampleClient(channel, handler);
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
