package io.github.wsline.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every connection's pipeline: an exception that no handler dealt with closes the connection. A peer that
 * resets its connection or goes away is routine on the internet and logged at debug level, without a stack trace, so
 * that clients cannot flood the log; anything else is a bug worth a warning.
 */
@ChannelHandler.Sharable
final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrors.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("{}: {}", ctx.channel(), cause.toString());
        } else {
            LOG.warn("{}: closing after an unhandled exception", ctx.channel(), cause);
        }
        ctx.close();
    }
}
