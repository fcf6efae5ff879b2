package io.github.wsline.handshake;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.List;

/**
 * Replaces the HTTP codec with the WebSocket codec in the middle of a read, without losing or misrouting a byte.
 * Frames may follow the handshake in the same TCP segment (RFC 6455 §4.1: the client "MAY" send data once it has
 * the 101, and the server may send data right behind its 101), so those bytes are still in the HTTP decoder's
 * buffer when the handshake completes. The steps, in order:
 * <ol>
 *   <li>the WebSocket codec goes in right behind the handshake handler, thus behind the HTTP decoder;</li>
 *   <li>the HTTP encoder goes, so that frames written from now on reach the wire as they are;</li>
 *   <li>the application hears of the switch, before its first frame;</li>
 *   <li>the handshake handler goes, leaving the frame decoder right behind the HTTP decoder;</li>
 *   <li>the HTTP decoder goes: {@code ByteToMessageDecoder.handlerRemoved} passes its unread bytes to the next
 *       handler, the frame decoder, and the HTTP decoder stops decoding.</li>
 * </ol>
 * The HTTP codec must be either one combined codec ({@link HttpServerCodec}, {@link HttpClientCodec}) or its decoder
 * and encoder, right before the handshake handler.
 */
final class ProtocolSwitch {
    static final String PROTOCOL_HANDLER_NAME = "wsline-protocol";

    private final ChannelPipeline pipeline;
    /** The HTTP decoder, or the combined codec. */
    private final ChannelHandler decoder;
    private final Runnable removeEncoder;

    private ProtocolSwitch(ChannelPipeline pipeline, ChannelHandler decoder, Runnable removeEncoder) {
        this.pipeline = pipeline;
        this.decoder = decoder;
        this.removeEncoder = removeEncoder;
    }

    static ProtocolSwitch server(ChannelPipeline pipeline) {
        return find(pipeline, HttpServerCodec.class, HttpRequestDecoder.class, HttpResponseEncoder.class);
    }

    static ProtocolSwitch client(ChannelPipeline pipeline) {
        return find(pipeline, HttpClientCodec.class, HttpResponseDecoder.class, HttpRequestEncoder.class);
    }

    private static ProtocolSwitch find(ChannelPipeline pipeline,
                                       Class<? extends CombinedChannelDuplexHandler<?, ?>> codecType,
                                       Class<? extends ChannelHandler> decoderType,
                                       Class<? extends ChannelHandler> encoderType) {
        CombinedChannelDuplexHandler<?, ?> codec = pipeline.get(codecType);
        if (codec != null) {
            return new ProtocolSwitch(pipeline, codec, codec::removeOutboundHandler);
        }
        ChannelHandler decoder = pipeline.get(decoderType);
        ChannelHandler encoder = pipeline.get(encoderType);
        if (decoder == null || encoder == null) {
            throw new IllegalStateException("No " + codecType.getSimpleName() + " in the pipeline.");
        }
        return new ProtocolSwitch(pipeline, decoder, () -> pipeline.remove(encoder));
    }

    /**
     * Switches to WebSocket from the handshake handler's context, the application's handlers being already behind
     * it; {@code announce} tells the application.
     */
    void toWebSocket(ChannelHandlerContext handshake, WebSocketConfig codec, List<NegotiatedExtension> extensions,
                     Runnable announce) {
        install(pipeline, handshake.name(), codec, extensions);
        removeEncoder.run();
        announce.run();
        pipeline.remove(handshake.handler());
        pipeline.remove(decoder);
    }

    /** Adds the codec, and the extensions' handlers around its decoder and encoder, behind {@code baseName}. */
    static void install(ChannelPipeline pipeline, String baseName, WebSocketConfig codec,
                        List<NegotiatedExtension> extensions) {
        pipeline.addAfter(baseName, PROTOCOL_HANDLER_NAME, new WebSocketConnectionHandler(codec));
        for (NegotiatedExtension extension : extensions) {
            extension.install(pipeline);
        }
    }

    /**
     * Switches to WebSocket with the codec right behind the HTTP codec, wherever the caller is: for handshakes
     * decided by a handler further down the pipeline (behind an {@code HttpObjectAggregator} and page handlers, as
     * Netty's {@code WebSocketServerProtocolHandler} sits), which stays where it is. Frames then reach the
     * application through the handlers in between, as they do on Netty. {@code announce} tells the application, after
     * the HTTP encoder is gone and before the first frame.
     */
    void toWebSocketBehindHttpCodec(WebSocketConfig codec, List<NegotiatedExtension> extensions, Runnable announce) {
        install(pipeline, pipeline.context(decoder).name(), codec, extensions);
        removeEncoder.run();
        announce.run();
        pipeline.remove(decoder);
    }
}
