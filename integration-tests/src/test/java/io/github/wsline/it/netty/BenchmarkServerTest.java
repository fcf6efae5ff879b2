package io.github.wsline.it.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.it.netty.example.benchmarkserver.WebSocketServerHandler;
import io.github.wsline.it.netty.example.benchmarkserver.WebSocketServerInitializer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Netty's benchmark server ({@code example/.../http/websocketx/benchmarkserver}), ported by renaming its handshaker
 * factory. It has no protocol handler: its own {@code WebSocketServerHandler} answers Pings, echoes Text and Binary
 * frames and answers a Close with {@code handshaker.close}. A {@link FrameRecorder} in front of that handler shows
 * what the application receives.
 */
class BenchmarkServerTest {
    private static final String PATH = "/websocket";
    private static Loopback loopback;
    private final FrameRecorder application = FrameRecorder.inFrontOfTheApplication();
    private Channel server;

    @BeforeAll
    static void startLoopback() {
        loopback = new Loopback();
    }

    @AfterAll
    static void stopLoopback() {
        loopback.close();
    }

    @BeforeEach
    void start() {
        server = loopback.serve(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline pipeline = ch.pipeline();
                pipeline.addLast(new WebSocketServerInitializer(null)); // null: the plain (no SSL) path of its main
                pipeline.addBefore(pipeline.context(WebSocketServerHandler.class).name(), null, application);
            }
        });
    }

    @Test
    void textAndBinaryAreEchoed() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendText("hello");
        assertEquals("text:hello", client.next());
        client.sendBinary(new byte[] {1, 2, 3});
        assertEquals("binary:010203", client.next());
        client.abort();
    }

    /** On Netty this fails: the handler echoes the first frame and drops the continuation, the message never ends. */
    @Test
    void fragmentedBinaryIsEchoedAsOneMessage() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendBinary(new byte[] {1, 2}, new byte[] {3});
        assertEquals("binary:010203", client.next());
        client.abort();
    }

    /** On Netty this fails: the handler echoes the first frame and drops the continuation, the message never ends. */
    @Test
    void nettysStockClientsFragmentedTextIsEchoedAsOneMessage() {
        ProtocolHandlerClient client = ProtocolHandlerClient.nettys(loopback, server, PATH);
        client.send(new TextWebSocketFrame(false, 0, "hel"));
        client.send(new ContinuationWebSocketFrame(true, 0, "lo"));
        assertEquals("text:hello", client.application().nextFrame());
        client.close();
    }

    @Test
    void theApplicationAnswersThePing() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendPing(new byte[] {8, 1, 8, 1});
        assertEquals("ping:08010801", application.nextFrame());
        assertEquals("pong:08010801", client.next());
        client.abort();
    }

    @Test
    void theApplicationSeesTheClientsCloseCodeAndReasonAndEchoesThem() {
        JdkWebSocket client = JdkWebSocket.connect(Loopback.uri(server, PATH));
        client.sendClose(1001, "going away");
        assertEquals("close:1001 going away", application.nextFrame());
        assertEquals("close:1001 going away", client.next());
    }

    @Test
    void benchmarkPageTwiceThenUpgradeOnOneKeepAliveConnection() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(server)) {
            String page = connection.get("/");
            assertTrue(page.startsWith("HTTP/1.1 200 OK\n<html><head><title>Web Socket Performance Test</title>"),
                    page);
            assertEquals(page, connection.get("/"));
            assertEquals("HTTP/1.1 101 Switching Protocols", connection.upgrade(PATH));
        }
    }
}
