package io.github.wsline.handshake;

import io.github.wsline.testsupport.UpgradeRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Requests, frames and readers shared by the handshake tests. */
final class HandshakeFixtures {
    /** A masked Text frame "Hello" (RFC 6455 §5.7): FIN + Text, masked, length 5, key 37fa213d, payload. */
    static final byte[] MASKED_HELLO = ByteBufUtil.decodeHexDump("818537fa213d7f9f4d5158");
    /** An unmasked Text frame "Hello" (RFC 6455 §5.7), as a server sends it. */
    static final byte[] UNMASKED_HELLO = ByteBufUtil.decodeHexDump("810548656c6c6f");

    private HandshakeFixtures() {
    }

    /** A valid RFC 6455 handshake for {@code target}, with the example key, followed by {@code extraHeaders}. */
    static String upgradeRequest(String target, String... extraHeaders) {
        return UpgradeRequest.to(target).headers(extraHeaders).toString();
    }

    static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    static ByteBuf concat(String text, byte[] bytes) {
        return Unpooled.buffer().writeBytes(text.getBytes(StandardCharsets.US_ASCII)).writeBytes(bytes);
    }

    /** An {@code EmbeddedChannel} with the HTTP codec and the upgrade handler, as a server's child channel has them. */
    static EmbeddedChannel server(WebSocketServerConfig config) {
        return new EmbeddedChannel(config.newHttpServerCodec(), new WebSocketUpgradeHandler(config));
    }

    /** Everything written to the channel so far, as bytes; the buffers are released. */
    static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            try {
                bytes.writeBytes(ByteBufUtil.getBytes((ByteBuf) msg));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return bytes.toByteArray();
    }

    /** The HTTP response the server wrote, with its body and the bytes that followed it (frames, after a 101). */
    static Received<HttpResponse> readResponse(EmbeddedChannel server) {
        return decode(new HttpResponseDecoder(), drainOutbound(server));
    }

    /** The HTTP request the client wrote. */
    static Received<HttpRequest> readRequest(EmbeddedChannel client) {
        return decode(new HttpRequestDecoder(), drainOutbound(client));
    }

    /** An HTTP message as the peer would read it. */
    record Received<M extends HttpMessage>(M head, String body, byte[] after) {
        HttpHeaders headers() {
            return head.headers();
        }

        HttpResponseStatus status() {
            return ((HttpResponse) head).status();
        }
    }

    @SuppressWarnings("unchecked")
    private static <M extends HttpMessage> Received<M> decode(HttpObjectDecoder decoder, byte[] bytes) {
        EmbeddedChannel peer = new EmbeddedChannel(decoder);
        try {
            peer.writeInbound(Unpooled.wrappedBuffer(bytes));
            M head = null;
            StringBuilder body = new StringBuilder();
            ByteArrayOutputStream after = new ByteArrayOutputStream();
            for (Object msg; (msg = peer.readInbound()) != null; ) {
                try {
                    if (msg instanceof HttpMessage) {
                        head = (M) msg;
                    }
                    if (msg instanceof HttpContent) {
                        body.append(((HttpContent) msg).content().toString(StandardCharsets.UTF_8));
                    } else if (msg instanceof ByteBuf) { // the decoder passes on what follows a 101 as it is
                        after.writeBytes(ByteBufUtil.getBytes((ByteBuf) msg));
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
            if (head == null) {
                throw new AssertionError("No HTTP message in " + bytes.length + " bytes written.");
            }
            return new Received<>(head, body.toString(), after.toByteArray());
        } finally {
            peer.finishAndReleaseAll();
        }
    }
}
