package io.github.wsline.handshake;

import io.github.wsline.codec.WebSocketConfig;
import io.github.wsline.codec.WebSocketConnectionHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for permessage-deflate: the extension {@code x-test}, which uses RSV1 and installs a do-nothing handler
 * after the frame decoder, where an inflater would go. Its server side accepts the client's first offer as it is.
 */
final class FakeExtension implements NegotiatedExtension {
    static final String NAME = "x-test";
    static final String HANDLER_NAME = "x-test-inflater";

    private final WebSocketExtensionData agreed;
    private final int rsvBits;

    FakeExtension(WebSocketExtensionData agreed, int rsvBits) {
        this.agreed = agreed;
        this.rsvBits = rsvBits;
    }

    @Override
    public WebSocketExtensionData agreed() {
        return agreed;
    }

    @Override
    public int rsvBits() {
        return rsvBits;
    }

    @Override
    public void install(ChannelPipeline pipeline) {
        pipeline.addAfter(WebSocketConnectionHandler.DECODER_NAME, HANDLER_NAME + "-" + agreed.name(), new Marker());
    }

    /** Accepts the first offer of {@code name} with RSV1; notes the offers it saw. */
    static final class ServerSide implements WebSocketExtensionNegotiator {
        final List<WebSocketExtensionData> offersSeen = new ArrayList<>();
        private final String name;
        private final boolean accepts;

        ServerSide(String name, boolean accepts) {
            this.name = name;
            this.accepts = accepts;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<NegotiatedExtension> negotiate(List<WebSocketExtensionData> offers) {
            offersSeen.addAll(offers);
            return accepts ? Optional.of(new FakeExtension(offers.get(0), WebSocketConfig.RSV1)) : Optional.empty();
        }
    }

    /** Offers {@code x-test; level=2} and accepts whatever the server agreed to. */
    static final class ClientSide implements WebSocketClientExtensionNegotiator {
        @Override
        public WebSocketExtensionData offer() {
            return new WebSocketExtensionData(NAME, Map.of("level", "2"));
        }

        @Override
        public NegotiatedExtension accept(WebSocketExtensionData response) {
            return new FakeExtension(response, WebSocketConfig.RSV1);
        }
    }

    @ChannelHandler.Sharable
    private static final class Marker extends ChannelInboundHandlerAdapter {
    }
}
