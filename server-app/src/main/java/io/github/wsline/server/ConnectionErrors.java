package io.github.wsline.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every connection's pipeline: an exception that no handler dealt with closes the connection. What peers
 * cause is routine on the internet and logged at debug level, one line each without a stack trace, so that clients
 * cannot flood the log: a reset or vanished connection, a failed TLS handshake (a browser or curl refusing a
 * self-signed certificate), bytes that are not TLS on the TLS port (a plain {@code http://} request). Anything else
 * is a bug worth a warning.
 */
@ChannelHandler.Sharable
final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrors.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String routine = routine(cause);
        if (routine != null) {
            LOG.debug("{}: {}", ctx.channel(), routine);
        } else {
            LOG.warn("{}: closing after an unhandled exception", ctx.channel(), cause);
        }
        ctx.close();
    }

    /** The one line a failure the peer caused is logged as, or null if the failure is not the peer's doing. */
    static String routine(Throwable cause) {
        // SslHandler is a decoder: what it throws reaches the pipeline wrapped in a DecoderException.
        Throwable failure = cause instanceof DecoderException && cause.getCause() instanceof SSLException
                ? cause.getCause() : cause;
        if (failure instanceof NotSslRecordException) {
            // Its message is the received bytes in hex: a whole HTTP request, not worth a log line.
            return "not TLS (plain HTTP on the TLS port?); closed";
        }
        if (failure instanceof SSLException) {
            return "TLS failed: " + failure.getMessage();
        }
        return failure instanceof IOException ? failure.toString() : null;
    }
}
