package io.github.wsline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded socket behaves as an accepted TCP connection does, for the pipelines the kit runs on it. */
class EmbeddedSocketChannelTest {
    /** Records what reaches the end of the pipeline. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            seen.add("active");
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            seen.add(event);
        }
    }

    private static EmbeddedSocketChannel open(Recorder recorder, boolean allowHalfClosure) {
        return EmbeddedSocketChannel.open(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.config().setAllowHalfClosure(allowHalfClosure).setTcpNoDelay(false);
                ch.pipeline().addLast(recorder);
            }
        });
    }

    @Test
    void socketChannelInitializerRunsAndItsHandlersSeeChannelActive() {
        Recorder recorder = new Recorder();
        EmbeddedSocketChannel channel = open(recorder, false);
        assertEquals(List.of("active"), recorder.seen);
        assertFalse(channel.config().isTcpNoDelay());
        assertEquals(8080, channel.localAddress().getPort());
        assertEquals("127.0.0.1", channel.remoteAddress().getHostString());
        channel.finishAndReleaseAll();
    }

    @Test
    void shutdownOutputTellsThePipelineAndLaterWritesFail() {
        Recorder recorder = new Recorder();
        EmbeddedSocketChannel channel = open(recorder, false);
        assertTrue(channel.shutdownOutput().isSuccess());
        assertTrue(channel.isOutputShutdown());
        assertEquals(List.of("active", ChannelOutputShutdownEvent.INSTANCE), recorder.seen);
        ChannelFuture write = channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        assertInstanceOf(ChannelOutputShutdownException.class, write.cause());
        channel.finishAndReleaseAll();
    }

    @Test
    void thePeersEndClosesTheChannelUnlessHalfClosureIsAllowed() {
        EmbeddedSocketChannel closing = open(new Recorder(), false);
        closing.peerShutdownOutput();
        assertFalse(closing.isOpen());

        Recorder recorder = new Recorder();
        EmbeddedSocketChannel halfClosing = open(recorder, true);
        halfClosing.peerShutdownOutput();
        assertTrue(halfClosing.isOpen());
        assertTrue(halfClosing.isInputShutdown());
        assertEquals(List.of("active", ChannelInputShutdownEvent.INSTANCE), recorder.seen);
        halfClosing.finishAndReleaseAll();
    }

    @Test
    void onlyBytesReachTheWire() {
        EmbeddedSocketChannel channel = open(new Recorder(), false);
        ChannelFuture write = channel.writeAndFlush(new TextWebSocketFrame("past the encoder"));
        assertInstanceOf(UnsupportedOperationException.class, write.cause());
        assertNull(channel.readOutbound());
        channel.finishAndReleaseAll();
    }
}
