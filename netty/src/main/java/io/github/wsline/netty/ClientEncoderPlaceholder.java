package io.github.wsline.netty;

import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * What {@link ClientHandshaker} gives Netty's {@code handshake} as the frame encoder, which Netty adds once the
 * request is out, before anything is agreed: it passes writes on, and {@link ClientCodecInstaller} removes it when
 * wsline's codec, which encodes the frames, is in place.
 */
final class ClientEncoderPlaceholder extends ChannelOutboundHandlerAdapter implements WebSocketFrameEncoder {
}
