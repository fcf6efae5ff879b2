/**
 * RFC 6455 WebSocket framing for Netty, without HTTP: for a channel whose opening handshake is done (by
 * {@code io.github.wsline.handshake} or by any other code), add one
 * {@link io.github.wsline.codec.WebSocketConnectionHandler}, configured by a
 * {@link io.github.wsline.codec.WebSocketConfig}. It installs the frame decoder and encoder, and the application's
 * handlers after it read and write Netty's {@code io.netty.handler.codec.http.websocketx} frames:
 * <pre>
 *   wsline-decoder | wsline-encoder | (WebSocketConnectionHandler) | wsline-aggregator | (application)
 *   with permessage-deflate (RFC 7692, {@link io.github.wsline.codec.PerMessageDeflate}):
 *   wsline-decoder | wsline-inflater | wsline-encoder | wsline-deflater | (WebSocketConnectionHandler) | ...
 * </pre>
 *
 * <p>The connection handler runs the protocol: Pongs for Pings (§5.5.2), the closing handshake (§5.5.1, §7.1),
 * a Close frame with the RFC's code for each violation the decoder finds (§7.1.7, §7.4.1), and optional keepalive;
 * it tells the application of the peer's Close with {@link io.github.wsline.codec.WebSocketCloseReceived}.
 * {@link io.github.wsline.codec.PreparedMessage} encodes a message once for many connections.
 *
 * <p>{@code io.github.wsline.codec.internal} is not API: it is shared by wsline's own modules.
 */
package io.github.wsline.codec;
